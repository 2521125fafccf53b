package org.emsym.engine.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.emsym.engine.progress.ProgressSink;

/**
 * Shows engine progress on a terminal: a redrawn bar with ETA when attached to a TTY, otherwise plain
 * progress lines (at most one per {@code lineIntervalMillis} or per 10% step) that read well in CI logs.
 */
public final class TerminalProgress implements ProgressSink {

    private static final int BAR_WIDTH = 30;

    private final PrintStream out;
    private final boolean interactive;
    private final long lineIntervalMillis;
    private final LongSupplier clock;
    private final long start;
    private long lastLine = Long.MIN_VALUE;
    private int lastDecile = -1;

    public TerminalProgress(PrintStream out, boolean interactive, long lineIntervalMillis, LongSupplier clockMillis) {
        this.out = out;
        this.interactive = interactive;
        this.lineIntervalMillis = lineIntervalMillis;
        this.clock = clockMillis;
        this.start = clockMillis.getAsLong();
    }

    /** Progress on stderr: a bar when a console is attached, else a line every 5 s or 10%. */
    public static TerminalProgress onStderr() {
        return new TerminalProgress(System.err, System.console() != null, 5000, System::currentTimeMillis);
    }

    @Override
    public synchronized void report(double fraction, String message) {
        double f = Math.max(0, Math.min(1, fraction));
        long now = clock.getAsLong();
        String eta = eta(f, now - start);
        if (interactive) {
            int filled = (int) Math.round(f * BAR_WIDTH);
            out.print(String.format(Locale.ROOT, "\r[%s%s] %5.1f%% %s %s\u001b[K", "#".repeat(filled),
                    "-".repeat(BAR_WIDTH - filled), 100 * f, eta, message));
            if (f >= 1) {
                out.println();
            }
            out.flush();
            return;
        }
        int decile = (int) Math.floor(f * 10);
        if (decile != lastDecile || now - lastLine >= lineIntervalMillis || f >= 1) {
            out.println(String.format(Locale.ROOT, "%5.1f%% %s %s", 100 * f, eta, message));
            lastDecile = decile;
            lastLine = now;
        }
    }

    static String eta(double fraction, long elapsedMillis) {
        if (fraction <= 0 || fraction >= 1) {
            return fraction >= 1 ? "done" : "ETA --:--";
        }
        long remaining = (long) (elapsedMillis * (1 - fraction) / fraction / 1000);
        return String.format(Locale.ROOT, "ETA %02d:%02d", remaining / 60, remaining % 60);
    }
}
