package org.emsym.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code emsym-spark} command line, the main class of the job jar given to {@code spark-submit}.
 * Exit codes as {@code emsym}: 0 ok, 2 bad arguments or input (the message names the option, file or
 * setting), 1 internal failure (a Spark job that failed after its retries included).
 */
@Command(name = "emsym-spark", mixinStandardHelpOptions = true, version = "emsym-spark 0.1.0",
        description = "EMSym prediction on Apache Spark, block by block into a chunked Zarr array.",
        subcommands = {SparkPredictCommand.class},
        footer = {"", "Exit codes: 0 ok, 2 bad arguments or input, 1 internal failure."})
public final class EmsymSpark implements Runnable {

    public static final int OK = 0;
    public static final int INTERNAL = 1;
    public static final int BAD_INPUT = 2;

    private final PrintStream out;
    private final PrintStream err;

    @Spec
    private CommandSpec spec;

    public EmsymSpark(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new EmsymSpark(System.out, System.err).execute(args));
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
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand; see emsym-spark --help");
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    private int exitCode(Exception e, String command) {
        if (e instanceof IllegalArgumentException || e instanceof IOException || e instanceof UncheckedIOException) {
            err.println("emsym-spark " + command + ": " + message(e));
            return BAD_INPUT;
        }
        err.println("emsym-spark " + command + ": internal error: " + e);
        e.printStackTrace(err);
        return INTERNAL;
    }

    private static String message(Throwable e) {
        if (e instanceof java.nio.file.NoSuchFileException n) {
            return (n.getReason() != null ? n.getReason() + ": " : "no such file: ") + n.getFile();
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
