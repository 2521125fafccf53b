package org.emsym.engine.volume.io;

/**
 * The Zarr storage format of an array or group, and the OME-NGFF version that goes with it: Zarr v2
 * ({@code .zarray}, {@code .zgroup}, {@code .zattrs}) with NGFF 0.4, Zarr v3 ({@code zarr.json}) with NGFF 0.5
 * (metadata under {@code attributes.ome}).
 */
public enum ZarrFormat {
    V2("0.4"),
    V3("0.5");

    private final String ngffVersion;

    ZarrFormat(String ngffVersion) {
        this.ngffVersion = ngffVersion;
    }

    /** The OME-NGFF version written with this format. */
    public String ngffVersion() {
        return ngffVersion;
    }

    /** {@code "2"}/{@code "v2"} or {@code "3"}/{@code "v3"}, as options spell it. */
    public static ZarrFormat parse(String s) {
        return switch (s.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "2", "v2" -> V2;
            case "3", "v3" -> V3;
            default -> throw new IllegalArgumentException("Zarr format '" + s + "' not supported; expected 2 or 3");
        };
    }
}
