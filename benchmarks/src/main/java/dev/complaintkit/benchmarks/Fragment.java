/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * What a benchmark {@code main} program writes for {@link Report}: a Markdown section
 * ({@code <name>.md.tmp}) and its numbers ({@code <name>.json.tmp}, with a {@code targets} array),
 * plus small statistics helpers.
 */
final class Fragment {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String name;
    private final StringBuilder md = new StringBuilder();
    private final ObjectNode json = JSON.createObjectNode();
    private final ArrayNode targets = json.putArray("targets");

    Fragment(String name) {
        this.name = name;
    }

    /** @return the Markdown being written */
    StringBuilder md() {
        return md;
    }

    /** @return the numbers being written */
    ObjectNode json() {
        return json;
    }

    /** Records a target for the summary. */
    void target(String item, String target, String measured, Boolean met) {
        ObjectNode t = targets.addObject();
        t.put("item", item);
        t.put("target", target);
        t.put("measured", measured);
        if (met == null) {
            t.putNull("met");
        } else {
            t.put("met", met);
        }
    }

    /** Writes both files into the directory. */
    void write(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name + ".md.tmp"), md.toString(), StandardCharsets.UTF_8);
            JSON.writeValue(dir.resolve(name + ".json.tmp").toFile(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String f(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    /** @return the median of the values (the mean of the middle two for an even count) */
    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** @return the value at quantile q (nearest rank) */
    static double quantile(double[] values, double q) {
        double[] s = values.clone();
        Arrays.sort(s);
        if (s.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * s.length);
        return s[Math.min(s.length - 1, Math.max(0, rank - 1))];
    }
}
