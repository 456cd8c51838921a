/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Seeded mutations of a valid response body: byte-level damage and JSON-aware changes. */
final class Mutator {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] NASTY = {"", "null", "[]", "{}", "\"\"", "-1", "1e999", "\"\\u0000\"", "true",
            "\"" + "9".repeat(40) + "\"", "[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]", "\"%%%\"", "\"=&=&\""};

    private final Random random;

    Mutator(long seed) {
        this.random = new Random(seed);
    }

    byte[] mutate(byte[] valid) {
        return switch (random.nextInt(9)) {
            case 0 -> flipBits(valid);
            case 1 -> Arrays.copyOf(valid, random.nextInt(Math.max(1, valid.length)));
            case 2 -> insert(valid, randomBytes(1 + random.nextInt(16)));
            case 3 -> deleteRange(valid);
            case 4, 5 -> jsonMutation(valid);
            case 6 -> randomBytes(random.nextInt(200));
            case 7 -> insert(valid, NASTY[random.nextInt(NASTY.length)].getBytes(StandardCharsets.UTF_8));
            default -> duplicateSlice(valid);
        };
    }

    private byte[] flipBits(byte[] in) {
        byte[] out = in.clone();
        for (int i = 0, n = 1 + random.nextInt(5); i < n && out.length > 0; i++) {
            out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return out;
    }

    private byte[] insert(byte[] in, byte[] what) {
        int at = random.nextInt(in.length + 1);
        byte[] out = new byte[in.length + what.length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(what, 0, out, at, what.length);
        System.arraycopy(in, at, out, at + what.length, in.length - at);
        return out;
    }

    private byte[] deleteRange(byte[] in) {
        if (in.length < 2) {
            return new byte[0];
        }
        int from = random.nextInt(in.length - 1);
        int to = from + 1 + random.nextInt(Math.min(64, in.length - from - 1) + 1);
        byte[] out = new byte[in.length - (to - from)];
        System.arraycopy(in, 0, out, 0, from);
        System.arraycopy(in, to, out, from, in.length - to);
        return out;
    }

    private byte[] duplicateSlice(byte[] in) {
        if (in.length == 0) {
            return in;
        }
        int from = random.nextInt(in.length);
        int len = 1 + random.nextInt(Math.min(100, in.length - from));
        return insert(in, Arrays.copyOfRange(in, from, from + len));
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** Replaces, removes or adds a node somewhere in a JSON body; byte damage when it is not JSON. */
    private byte[] jsonMutation(byte[] in) {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (Exception e) {
            return flipBits(in);
        }
        if (root == null || !root.isContainerNode()) {
            return flipBits(in);
        }
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode target = containers.get(random.nextInt(containers.size()));
        if (target instanceof ObjectNode obj && obj.size() > 0) {
            List<String> names = new ArrayList<>();
            obj.fieldNames().forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            switch (random.nextInt(3)) {
                case 0 -> obj.remove(name);
                case 1 -> obj.set(name, randomValue());
                default -> obj.set("x_" + random.nextInt(1000), randomValue());
            }
        } else if (target instanceof ArrayNode arr) {
            if (arr.size() > 0 && random.nextBoolean()) {
                arr.set(random.nextInt(arr.size()), randomValue());
            } else {
                arr.add(randomValue());
            }
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (Exception e) {
            return in;
        }
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            node.forEach(child -> collect(child, out));
        }
    }

    private JsonNode randomValue() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (random.nextInt(9)) {
            case 0 -> f.nullNode();
            case 1 -> f.numberNode(random.nextLong());
            case 2 -> f.numberNode(random.nextDouble() * 1e308);
            case 3 -> f.textNode("");
            case 4 -> f.textNode(new String(randomBytes(12), StandardCharsets.ISO_8859_1));
            case 5 -> f.booleanNode(random.nextBoolean());
            case 6 -> f.arrayNode().add(f.textNode("a")).add(f.numberNode(1));
            case 7 -> f.objectNode().put("k", "v");
            default -> f.textNode("2023-13-45T99:99:99+08:00");
        };
    }

}
