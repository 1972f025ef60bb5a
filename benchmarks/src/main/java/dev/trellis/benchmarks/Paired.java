package dev.trellis.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs each Trellis benchmark and its raw baseline back to back, several rounds, alternating which
 * goes first, and prints the Trellis/raw ratio of every round. On a shared machine the load changes
 * from minute to minute; a ratio of two runs taken seconds apart is far steadier than one of two
 * runs taken minutes apart, as in a plain whole-suite run.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.trellis.benchmarks.Paired [rounds [name-part]]</pre>
 * With {@code name-part}, only the pairs whose benchmark names contain it run.
 */
public final class Paired {

    /** A goal: Trellis benchmark, raw benchmark, JMH parameter (or null), which statistic. */
    private record Pair(String trellis, String raw, String param, Stat stat) {
    }

    private enum Stat {
        THROUGHPUT, P50, P99
    }

    private static final List<Pair> PAIRS = List.of(
            new Pair("WriteBenchmark.trellisCreate", "WriteBenchmark.rawInsertBlock", null, Stat.THROUGHPUT),
            new Pair("WriteBenchmark.trellisCreate", "WriteBenchmark.rawInsertPlain", null, Stat.THROUGHPUT),
            new Pair("SearchBenchmark.trellisSearch", "SearchBenchmark.rawFts5", "query=heron", Stat.P50),
            new Pair("SearchBenchmark.trellisSearch", "SearchBenchmark.rawFts5", "query=kestrel", Stat.P50),
            new Pair("SkillSearchBenchmark.skillSearch", "SkillSearchBenchmark.rawFts5", "query=heron", Stat.P50),
            new Pair("SkillSearchBenchmark.skillSearch", "SkillSearchBenchmark.rawFts5", "query=kestrel", Stat.P50),
            new Pair("ProviderStreamBenchmark.trellisGateway", "ProviderStreamBenchmark.trellisProvider", null, Stat.P50),
            new Pair("ProviderStreamBenchmark.trellisProvider", "ProviderStreamBenchmark.directHttpClient", null, Stat.P50));

    private Paired() {
    }

    public static void main(String[] args) throws RunnerException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        String only = args.length > 1 ? args[1] : "";
        List<String> lines = new ArrayList<>();
        for (Pair p : PAIRS) {
            if (!(p.trellis() + " " + p.raw()).contains(only)) {
                continue;
            }
            double[] ratios = new double[rounds];
            double[] p99Ratios = new double[rounds];
            StringBuilder detail = new StringBuilder();
            for (int round = 0; round < rounds; round++) {
                boolean trellisFirst = round % 2 == 0;
                Statistics first = run(trellisFirst ? p.trellis() : p.raw(), p.param());
                Statistics second = run(trellisFirst ? p.raw() : p.trellis(), p.param());
                Statistics t = trellisFirst ? first : second;
                Statistics r = trellisFirst ? second : first;
                double tv = value(t, p.stat());
                double rv = value(r, p.stat());
                ratios[round] = tv / rv;
                p99Ratios[round] = t.getPercentile(99) / r.getPercentile(99);
                detail.append(String.format(Locale.ROOT, " [%s %.1f / %.1f = %.2fx]", p.stat(), tv, rv, ratios[round]));
            }
            Arrays.sort(ratios);
            Arrays.sort(p99Ratios);
            lines.add(String.format(Locale.ROOT, "%s / %s %s: %s ratio median %.2fx (min %.2f, max %.2f)%s%s", p.trellis(),
                    p.raw(), p.param() == null ? "" : "(" + p.param() + ")", p.stat(), ratios[rounds / 2], ratios[0],
                    ratios[rounds - 1], p.stat() == Stat.THROUGHPUT ? ""
                            : String.format(Locale.ROOT, "; p99 ratio median %.2fx", p99Ratios[rounds / 2]), detail));
        }
        System.out.println();
        System.out.println("Paired results (" + rounds + " rounds):");
        lines.forEach(System.out::println);
    }

    private static Statistics run(String benchmark, String param) throws RunnerException {
        OptionsBuilder o = new OptionsBuilder();
        o.include("^" + Paired.class.getPackageName().replace(".", "\\.") + "\\." + benchmark.replace(".", "\\.") + "$")
                .forks(1).warmupIterations(1).warmupTime(TimeValue.seconds(2))
                .measurementIterations(2).measurementTime(TimeValue.seconds(3));
        if (param != null) {
            String[] kv = param.split("=", 2);
            o.param(kv[0], kv[1]);
        }
        Options options = o.build();
        RunResult result = new Runner(options).runSingle();
        Result<?> primary = result.getPrimaryResult();
        return primary.getStatistics();
    }

    private static double value(Statistics s, Stat stat) {
        return switch (stat) {
            case THROUGHPUT -> s.getMean();
            case P50 -> s.getPercentile(50);
            case P99 -> s.getPercentile(99);
        };
    }
}
