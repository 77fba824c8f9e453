package org.zhijian.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Converts a workbook to PDF with LibreOffice: a workbook LibreOffice cannot open fails the
 * conversion, which then writes no PDF. Under CI ({@code CI=true}, where .ci/run installs it with
 * scripts/install-libreoffice) a missing LibreOffice fails the check; elsewhere the check is
 * skipped, saying so in the test output. The workbook is always re-read with POI as well.
 */
public final class LibreOfficeCheck
{
    private LibreOfficeCheck() {}

    public static Optional<Path> soffice()
    {
        return Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator)).flatMap(directory -> Stream.of("soffice", "libreoffice")
                .map(name -> Path.of(directory, name))).filter(Files::isExecutable).findFirst();
    }

    /** Asserts the conversion succeeds and yields a non-empty PDF. */
    public static void convertsWithoutErrors(Path workbook, Path directory)
            throws IOException, InterruptedException
    {
        Optional<Path> soffice = soffice();
        if (soffice.isEmpty()) {
            assertThat("true".equalsIgnoreCase(System.getenv("CI")))
                    .as("LibreOffice is missing under CI; .ci/run installs it with scripts/install-libreoffice").isFalse();
            System.out.println("LibreOffice check skipped for " + workbook.getFileName() + ": LibreOffice is not installed (scripts/install-libreoffice installs it)");
            return;
        }
        Files.createDirectories(directory);
        Path profile = directory.resolve("profile");
        Process process = new ProcessBuilder(List.of(soffice.get().toString(), "-env:UserInstallation=" + profile.toUri(), "--headless", "--convert-to", "pdf",
                "--outdir", directory.toString(), workbook.toString())).redirectErrorStream(true).redirectOutput(directory.resolve("soffice.log").toFile()).start();
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("LibreOffice finished within 3 minutes").isTrue();
        assertThat(process.exitValue()).as(Files.readString(directory.resolve("soffice.log"))).isZero();
        String name = workbook.getFileName().toString();
        Path pdf = directory.resolve(name.substring(0, name.lastIndexOf('.')) + ".pdf");
        assertThat(pdf).as(Files.readString(directory.resolve("soffice.log"))).isNotEmptyFile();
        assertThat(Files.readString(pdf, java.nio.charset.StandardCharsets.ISO_8859_1)).startsWith("%PDF");
        System.out.println("LibreOffice opened " + workbook.getFileName() + " and converted it to PDF (" + Files.size(pdf) + " bytes)");
    }
}
