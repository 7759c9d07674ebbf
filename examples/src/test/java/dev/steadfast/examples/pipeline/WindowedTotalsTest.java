package dev.steadfast.examples.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example computes what it says, in one process (the crash test then only has to compare bytes). */
class WindowedTotalsTest {

    @Test
    void totalsPerRegionAndWindowEqualADirectGroupByOfTheInput(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("events.csv");
        Events.generate(input, 2_000, 7);
        Path output = dir.resolve("totals.csv");
        WindowedTotals.run("memory:", input, output, 100, line -> { });

        // Disorder (1.5 s) stays within the lateness (2 s), so no event is late and every event is counted.
        Map<String, long[]> expected = new TreeMap<>();
        for (String line : Files.readAllLines(input)) {
            String[] f = line.split(",");
            long start = Long.parseLong(f[2]) / 1_000 * 1_000;
            int region = Integer.parseInt(f[1].substring(5)) % 4;
            long[] total = expected.computeIfAbsent(String.format("%d,%d", start, region), k -> new long[2]);
            total[0]++;
            total[1] += Long.parseLong(f[3]);
        }
        List<String> lines = new ArrayList<>();
        expected.forEach((k, v) -> {
            String[] key = k.split(",");
            lines.add(key[0] + "," + EventStages.REGIONS.get(Integer.parseInt(key[1])) + "," + v[0] + "," + v[1]);
        });
        lines.add("late,0");
        assertEquals(lines, Files.readAllLines(output));
    }

    @Test
    void anEventForAWindowTheWatermarkHasClosedIsCountedLateNotAdded(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("events.csv");
        Files.writeString(input, String.join("\n",
                "0,user-0,10000,5",
                "1,user-0,13500,7",   // watermark 11500 closes window 10000
                "2,user-0,10900,100", // late for the closed window 10000
                "3,user-0,11900,1",   // window 11000 is still open (its end 12000 > 11500)
                "") , StandardCharsets.UTF_8);
        Path output = dir.resolve("totals.csv");
        WindowedTotals.run("memory:", input, output, 2, line -> { });
        assertEquals(List.of("10000,eu-west,1,5", "11000,eu-west,1,1", "13000,eu-west,1,7", "late,1"),
                Files.readAllLines(output));
    }
}
