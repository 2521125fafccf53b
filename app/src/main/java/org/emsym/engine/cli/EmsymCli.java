package org.emsym.engine.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.emsym.engine.progress.CanceledException;
import org.emsym.engine.progress.Cancellation;
import org.emsym.engine.progress.ProgressSink;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code emsym} command line: one subcommand per workflow step (mirroring the KNIME nodes) and
 * {@code pipeline}, which runs them all from one JSON config. Exit codes: {@value #OK} success,
 * {@value #BAD_INPUT} bad arguments or input (the message names the option, file, shape or setting),
 * {@value #INTERNAL} internal failure, {@value #CANCELED} canceled with Ctrl-C (finished checkpoints are kept).
 */
@Command(name = "emsym", mixinStandardHelpOptions = true, version = "emsym 0.1.0",
        description = "Channel-symmetric 2.5D segmentation of volume EM with RGB-pretrained networks.",
        subcommands = {SynthCommand.class, WindowCommand.class, LoadModelCommand.class, SymmetrizeCommand.class,
            TrainCommand.class, PredictCommand.class, ConvertCommand.class, ExportCommand.class, AttributeCommand.class, ScoreCommand.class, ReportCommand.class,
            PipelineCommand.class},
        footer = {"", "Exit codes: 0 ok, 2 bad arguments or input, 1 internal failure, 130 canceled (Ctrl-C)."})
public final class EmsymCli implements Runnable {

    public static final int OK = 0;
    public static final int INTERNAL = 1;
    public static final int BAD_INPUT = 2;
    public static final int CANCELED = 130;

    private final PrintStream out;
    private final PrintStream err;
    private final ProgressSink progress;
    private final Cancellation cancellation;

    @Spec
    private CommandSpec spec;

    /**
     * @param out results and reports
     * @param err messages and progress
     * @param progress where long work reports progress
     * @param cancellation asked at safe points of long work
     */
    public EmsymCli(PrintStream out, PrintStream err, ProgressSink progress, Cancellation cancellation) {
        this.out = out;
        this.err = err;
        this.progress = progress;
        this.cancellation = cancellation;
    }

    /** Entry point of the launcher: Ctrl-C cancels at the next safe point, progress goes to stderr. */
    public static void main(String[] args) {
        CliLogging.configure();
        EmsymCli cli = new EmsymCli(System.out, System.err, TerminalProgress.onStderr(), InterruptCancellation.install());
        System.exit(cli.execute(args));
    }

    /** Parses and runs one command line; returns the exit code. */
    public int execute(String... args) {
        CommandLine cl = new CommandLine(this);
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cl.setExecutionExceptionHandler((e, command, parseResult) -> exitCode(e, command.getCommandName()));
        return cl.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand; see emsym --help");
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    ProgressSink progress() {
        return progress;
    }

    Cancellation cancellation() {
        return cancellation;
    }

    /** Maps an exception escaping a subcommand to an exit code and a one-line message. */
    private int exitCode(Exception e, String command) {
        Throwable cause = e;
        while (cause != null) {
            if (cause instanceof CanceledException) {
                err.println("emsym " + command + ": canceled; finished checkpoints and outputs are kept");
                return CANCELED;
            }
            cause = cause.getCause();
        }
        if (e instanceof IllegalArgumentException || e instanceof IOException || e instanceof UncheckedIOException) {
            err.println("emsym " + command + ": " + message(e));
            return BAD_INPUT;
        }
        err.println("emsym " + command + ": internal error: " + e);
        e.printStackTrace(err);
        return INTERNAL;
    }

    private static String message(Throwable e) {
        if (e instanceof java.nio.file.NoSuchFileException n) {
            return (n.getReason() != null ? n.getReason() + ": " : "no such file: ") + n.getFile();
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getMessage() != null) {
            return f.getMessage();
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
