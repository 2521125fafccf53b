package org.knime.core.util;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Stand-in for KNIME's {@code org.knime.core.util.FileUtil}: only {@link #toURL(String)} and
 * {@link #resolveToPath(URL)}, with KNIME 5.x's signatures. KNIME resolves {@code knime://knime.workflow/...}
 * against the workflow of the executing node (its NodeContext); the stand-in resolves it against the folder
 * that the test framework sets for the running workflow ({@link #workflowFolder}), and fails like KNIME does
 * when no workflow runs.
 */
public final class FileUtil {

    /** Set by the test framework while a workflow runs; KNIME takes it from the node context. */
    static volatile Path workflowFolder;

    private static final URLStreamHandler KNIME_PROTOCOL = new URLStreamHandler() {
        @Override
        protected URLConnection openConnection(final URL u) throws IOException {
            throw new IOException("the KNIME API stand-in cannot open " + u + "; resolve it with resolveToPath");
        }
    };

    private FileUtil() {
    }

    /**
     * A URL for {@code path}: the path itself if it is a URL (including the {@code knime:} protocol), otherwise
     * the file URL of the absolute file-system path.
     *
     * @throws MalformedURLException if the path is neither a URL nor a file-system path
     * @throws InvalidPathException if the path looks like a file-system path but is invalid
     */
    public static URL toURL(final String path) throws MalformedURLException, InvalidPathException {
        if (path.isEmpty()) {
            throw new InvalidPathException("", "Empty path");
        }
        String spec = path.replace(" ", "%20");
        if (spec.regionMatches(true, 0, "knime:", 0, 6)) {
            return new URL(null, spec, KNIME_PROTOCOL);
        }
        try {
            return new URL(spec);
        } catch (MalformedURLException e) {
            return Paths.get(path).toAbsolutePath().toUri().toURL();
        }
    }

    /**
     * The local path a URL stands for, or {@code null} if it does not denote a local file. Handles
     * {@code file:} URLs and {@code knime://knime.workflow/...} (relative to the current workflow's folder).
     *
     * @throws IOException if a {@code knime:} URL cannot be resolved (e.g. no workflow is running)
     * @throws URISyntaxException if the URL is not a valid URI
     */
    public static Path resolveToPath(final URL url) throws IOException, URISyntaxException {
        if ("file".equalsIgnoreCase(url.getProtocol())) {
            return Paths.get(url.toURI());
        }
        if (!"knime".equalsIgnoreCase(url.getProtocol())) {
            return null;
        }
        if (!"knime.workflow".equals(url.getHost())) {
            throw new IOException("the KNIME API stand-in resolves only knime://knime.workflow/ URLs, not " + url);
        }
        Path folder = workflowFolder;
        if (folder == null) {
            throw new IOException("no workflow context to resolve " + url);
        }
        String relative = url.toURI().getPath();
        relative = relative.startsWith("/") ? relative.substring(1) : relative;
        return folder.resolve(relative).normalize();
    }
}
