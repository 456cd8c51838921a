/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Seeded hostile shapes of a Xiaoe answer, beyond byte damage: numbers with extreme exponents or
 * beyond a long in any scalar field, pages with more rows than asked for, and error answers whose
 * message echoes a secret URL-encoded or in Base64.
 */
final class XiaoeProbes {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Number texts Jackson's writer would not produce; written over a placeholder string. */
    private static final String[] NUMBERS = {"1e-999999999", "-1E-999999999", "1e999999999", "0e-999999999",
        "1.5e-1000000", "9223372036854775807", "9223372036854775808", "-9223372036854775808", "1e-2147483647"};
    private static final String PLACEHOLDER = "__probe_number__";

    private final Random random;
    private final Supplier<List<String>> secrets;
    private final int pageSize;

    /**
     * @param seed the random seed
     * @param secrets the secrets an echo may carry (the secret key, the tokens issued so far)
     * @param pageSize the page size the calls ask for
     */
    XiaoeProbes(long seed, Supplier<List<String>> secrets, int pageSize) {
        this.random = new Random(seed);
        this.secrets = secrets;
        this.pageSize = pageSize;
    }

    byte[] mutate(byte[] valid) {
        JsonNode root;
        try {
            root = JSON.readTree(valid);
        } catch (Exception e) {
            return valid;
        }
        if (!(root instanceof ObjectNode answer)) {
            return valid;
        }
        String number = NUMBERS[random.nextInt(NUMBERS.length)];
        switch (random.nextInt(3)) {
            case 0 -> replaceScalars(answer, random.nextInt(4) == 0);
            case 1 -> oversize(answer);
            default -> echoSecret(answer);
        }
        try {
            return JSON.writeValueAsString(answer).replace(JSON.writeValueAsString(PLACEHOLDER), number)
                    .getBytes(StandardCharsets.UTF_8);
        } catch (Exception e) {
            return valid;
        }
    }

    /** Puts the placeholder number in one scalar field, or in every one under {@code data}. */
    private void replaceScalars(ObjectNode answer, boolean all) {
        List<Runnable> places = new ArrayList<>();
        collect(answer.get("data") instanceof ObjectNode d && all ? d : answer, places);
        if (all) {
            places.forEach(Runnable::run);
        } else if (!places.isEmpty()) {
            places.get(random.nextInt(places.size())).run();
        }
    }

    private static void collect(JsonNode node, List<Runnable> places) {
        if (node instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode child = o.get(name);
                if (child.isContainerNode()) {
                    collect(child, places);
                } else {
                    places.add(() -> o.put(name, PLACEHOLDER));
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                int at = i;
                if (a.get(i).isContainerNode()) {
                    collect(a.get(i), places);
                } else {
                    places.add(() -> a.set(at, a.textNode(PLACEHOLDER)));
                }
            }
        }
    }

    /** Repeats the list's rows until it holds more than the page size (a server that ignores page_size). */
    private void oversize(ObjectNode answer) {
        if (answer.get("data") instanceof ObjectNode data && data.get("list") instanceof ArrayNode list && !list.isEmpty()) {
            int rows = list.size();
            for (int i = 0, extra = pageSize - rows + 1 + random.nextInt(20); i < extra; i++) {
                list.add(list.get(i % rows).deepCopy());
            }
        } else {
            replaceScalars(answer, true);
        }
    }

    /** Turns the answer into an error whose message echoes a secret, encoded one of several ways. */
    private void echoSecret(ObjectNode answer) {
        List<String> known = secrets.get();
        String secret = known.get(random.nextInt(known.size()));
        byte[] utf8 = secret.getBytes(StandardCharsets.UTF_8);
        String encoded = switch (random.nextInt(5)) {
            case 0 -> URLEncoder.encode(secret, StandardCharsets.UTF_8);
            case 1 -> URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20");
            case 2 -> Base64.getEncoder().encodeToString(utf8);
            case 3 -> Base64.getUrlEncoder().withoutPadding().encodeToString(utf8);
            default -> {
                StringBuilder every = new StringBuilder();
                for (byte b : utf8) {
                    every.append('%').append(HexFormat.of().toHexDigits(b));
                }
                yield every.toString();
            }
        };
        int[] codes = {400, 1001, 2004, 2008, 2053, 40001};
        answer.put("code", codes[random.nextInt(codes.length)]);
        answer.put("msg", "参数错误: secret=" + encoded);
        answer.putNull("data");
    }

    /** @return every form of the secret {@link #echoSecret} may write, to look for in what the client shows */
    static List<String> forms(String secret) {
        byte[] utf8 = secret.getBytes(StandardCharsets.UTF_8);
        StringBuilder every = new StringBuilder();
        for (byte b : utf8) {
            every.append('%').append(HexFormat.of().toHexDigits(b));
        }
        String form = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return List.of(secret, form, form.replace("+", "%20"), Base64.getEncoder().withoutPadding().encodeToString(utf8),
                Base64.getUrlEncoder().withoutPadding().encodeToString(utf8), every.toString());
    }
}
