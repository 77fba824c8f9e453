package org.zhijian.indicators.forecast;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.zhijian.reference.ReferenceDataLoader;

/** Not a test: runs the backtest on an exported pass-rate mart (CSV) with the settings of conf/forecasts.yaml, for tuning. */
public final class TuneForecasts
{
    public static void main(String[] args) throws Exception
    {
        List<Forecasts.Cell> cells = new ArrayList<>();
        List<String> lines = Files.readAllLines(Path.of(args[0]));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            cells.add(new Forecasts.Cell(Forecasts.quarter(f[0]), f[2], f[3], f[4], f[5], Long.parseLong(f[7]), Long.parseLong(f[8])));
        }
        ForecastSettings settings = ForecastSettings.load(Path.of(args.length > 1 ? args[1] : "conf/forecasts.yaml"));
        Forecasts forecasts = new Forecasts(settings, ReferenceDataLoader.load(Path.of("conf", "reference")).categories(),
                key -> new Forecasts.Threshold(0.9, Optional.of(0.85)));
        int last = cells.stream().mapToInt(Forecasts.Cell::quarter).max().orElseThrow();
        long began = System.nanoTime();
        for (Forecasts.Accuracy a : Forecasts.accuracy(forecasts.backtest(cells, last))) {
            System.out.printf("%-30s rows %5d inside80 %.3f inside95 %.3f calibrated80 %.3f calibrated95 %.3f mae %.4f naive %.4f%n", a.series(), a.rows(), a.coverage80(),
                    a.coverage95(), a.calibrated80(), a.calibrated95(), a.meanAbsoluteError(), a.naiveMeanAbsoluteError());
        }
        System.out.printf("backtest %.1f s%n", (System.nanoTime() - began) / 1e9);
    }
}
