package io.github.hotcompat.maven;

import io.github.hotcompat.analysis.AnalysisResult;
import io.github.hotcompat.report.ConsoleReport;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/** Prints the full safety report and writes the report files; never fails on findings. */
@Mojo(name = "report", threadSafe = true,
        requiresDependencyResolution = ResolutionScope.COMPILE)
public class ReportMojo extends AbstractHotcompatMojo {

    @Override
    protected void run() throws MojoExecutionException {
        AnalysisResult result = analyze();
        ConsoleReport.safetyReport(result, mavenLog());
        writeReports(result);
        publishToGitHub(result);
        getLog().info(ConsoleReport.summary(result));
        adoptionHint(result);
    }
}
