package org.emsym.engine.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.emsym.engine.pipeline.RunResults;
import org.emsym.engine.pipeline.PipelineReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code emsym report}: renders the HTML report and CSVs of a pipeline run folder again. */
@Command(name = "report", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Render report.html and the CSVs of a pipeline run folder from its results.json and figures.")
final class ReportCommand implements Callable<Integer> {

    @ParentCommand
    private EmsymCli cli;

    @Option(names = {"-r", "--run"}, defaultValue = "out", description = "pipeline run folder")
    private Path run;

    @Override
    public Integer call() throws Exception {
        RunResults results = RunResults.read(run);
        PipelineReport.writeCsvs(results, run);
        PipelineReport.write(results, run);
        cli.out().println("wrote " + run.resolve(PipelineReport.FILE));
        return EmsymCli.OK;
    }
}
