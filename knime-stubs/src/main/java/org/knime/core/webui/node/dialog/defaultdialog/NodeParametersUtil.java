package org.knime.core.webui.node.dialog.defaultdialog;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.migration.Migrate;
import org.knime.node.parameters.persistence.NodeParametersPersistor;
import org.knime.node.parameters.persistence.Persist;
import org.knime.node.parameters.persistence.Persistor;

/**
 * Stand-in for KNIME's helper that creates, saves and loads {@link NodeParameters}. It models KNIME's default
 * field persistence for the field types the plugin uses: every non-static, non-transient field (superclass
 * fields first) is saved under its {@link Persist#configKey()} or, without one, its name; {@code String},
 * {@code boolean}, {@code int}, {@code long}, {@code double} (and their boxes) with the same-typed settings entry,
 * enums by constant name as a string. A key absent on load fails unless the field is
 * {@code @Migrate(loadDefaultIfAbsent = true)}, which keeps the field's default. A field with a {@link Persistor}
 * is saved and loaded by it instead, and counts as present when any of its config paths is. Other field types are
 * rejected, as KNIME rejects types it has no persistor for.
 */
public final class NodeParametersUtil {

    private NodeParametersUtil() {
    }

    public static <S extends NodeParameters> S createSettings(final Class<S> clazz) {
        try {
            Constructor<S> constructor = clazz.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(clazz.getName() + " needs a no-argument constructor", e);
        }
    }

    public static void saveSettings(final Class<? extends NodeParameters> settingsClass,
        final NodeParameters settingsObject, final NodeSettingsWO settings) {
        if (!settingsClass.isInstance(settingsObject)) {
            throw new IllegalArgumentException(
                "The provided settingsObject is not an instance of the provided settingsClass.");
        }
        for (Field field : persistedFields(settingsClass)) {
            NodeParametersPersistor<Object> persistor = persistor(field);
            if (persistor != null) {
                persistor.save(read(field, settingsObject), settings);
            } else {
                save(field, read(field, settingsObject), settings);
            }
        }
    }

    public static <S extends NodeParameters> S loadSettings(final NodeSettingsRO settings, final Class<S> clazz)
        throws InvalidSettingsException {
        S parameters = createSettings(clazz);
        for (Field field : persistedFields(clazz)) {
            NodeParametersPersistor<Object> persistor = persistor(field);
            Migrate migrate = field.getAnnotation(Migrate.class);
            boolean defaultIfAbsent = migrate != null && migrate.loadDefaultIfAbsent();
            if (persistor != null) {
                if (!defaultIfAbsent || anyPresent(persistor.getConfigPaths(), settings)) {
                    write(field, parameters, persistor.load(settings));
                }
                continue;
            }
            String key = configKey(field);
            if (!settings.containsKey(key)) {
                if (defaultIfAbsent) {
                    continue;
                }
                throw new InvalidSettingsException("Config for key \"" + key + "\" not found.");
            }
            write(field, parameters, load(field, settings));
        }
        return parameters;
    }

    @SuppressWarnings("unchecked")
    private static NodeParametersPersistor<Object> persistor(final Field field) {
        Persistor annotation = field.getAnnotation(Persistor.class);
        if (annotation == null) {
            return null;
        }
        try {
            Constructor<?> constructor = annotation.value().getDeclaredConstructor();
            constructor.setAccessible(true);
            return (NodeParametersPersistor<Object>)constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(annotation.value().getName() + " needs a no-argument constructor", e);
        }
    }

    private static boolean anyPresent(final String[][] paths, final NodeSettingsRO settings)
        throws InvalidSettingsException {
        for (String[] path : paths) {
            org.knime.core.node.config.ConfigRO config = settings;
            boolean present = true;
            for (int i = 0; i < path.length && present; i++) {
                present = config.containsKey(path[i]);
                if (present && i < path.length - 1) {
                    config = config.getConfig(path[i]);
                }
            }
            if (present) {
                return true;
            }
        }
        return false;
    }

    private static List<Field> persistedFields(final Class<?> clazz) {
        List<Field> fields = new ArrayList<>();
        if (clazz.getSuperclass() != null && clazz.getSuperclass() != Object.class) {
            fields.addAll(persistedFields(clazz.getSuperclass()));
        }
        for (Field f : clazz.getDeclaredFields()) {
            int m = f.getModifiers();
            if (!Modifier.isStatic(m) && !Modifier.isTransient(m) && !f.isSynthetic()) {
                fields.add(f);
            }
        }
        return fields;
    }

    private static String configKey(final Field field) {
        Persist persist = field.getAnnotation(Persist.class);
        return persist == null || persist.configKey().isEmpty() ? field.getName() : persist.configKey();
    }

    private static Class<?> boxed(final Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        if (type == boolean.class) {
            return Boolean.class;
        }
        if (type == int.class) {
            return Integer.class;
        }
        if (type == long.class) {
            return Long.class;
        }
        if (type == double.class) {
            return Double.class;
        }
        throw unsupported(type);
    }

    private static IllegalArgumentException unsupported(final Class<?> type) {
        return new IllegalArgumentException(String.format("No default persistor available for type '%s'.", type));
    }

    private static void save(final Field field, final Object value, final NodeSettingsWO settings) {
        String key = configKey(field);
        Class<?> type = boxed(field.getType());
        if (type == String.class) {
            settings.addString(key, (String)value);
        } else if (type == Boolean.class) {
            settings.addBoolean(key, (Boolean)value);
        } else if (type == Integer.class) {
            settings.addInt(key, (Integer)value);
        } else if (type == Long.class) {
            settings.addLong(key, (Long)value);
        } else if (type == Double.class) {
            settings.addDouble(key, (Double)value);
        } else if (type.isEnum()) {
            settings.addString(key, value == null ? null : ((Enum<?>)value).name());
        } else {
            throw unsupported(type);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object load(final Field field, final NodeSettingsRO settings) throws InvalidSettingsException {
        String key = configKey(field);
        Class<?> type = boxed(field.getType());
        if (type == String.class) {
            return settings.getString(key);
        } else if (type == Boolean.class) {
            return settings.getBoolean(key);
        } else if (type == Integer.class) {
            return settings.getInt(key);
        } else if (type == Long.class) {
            return settings.getLong(key);
        } else if (type == Double.class) {
            return settings.getDouble(key);
        } else if (type.isEnum()) {
            String name = settings.getString(key);
            try {
                return Enum.valueOf((Class)type, name);
            } catch (IllegalArgumentException | NullPointerException e) {
                String values = Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>)c).name())
                    .collect(Collectors.joining(", "));
                throw new InvalidSettingsException(
                    String.format("Invalid value '%s'. Possible values: %s", name, values), e);
            }
        }
        throw unsupported(type);
    }

    private static Object read(final Field field, final Object target) {
        try {
            field.setAccessible(true);
            return field.get(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(final Field field, final Object target, final Object value) {
        try {
            field.setAccessible(true);
            field.set(target, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
