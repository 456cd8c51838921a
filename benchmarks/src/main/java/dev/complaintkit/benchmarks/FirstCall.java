/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.benchmarks;

import java.net.URI;

/**
 * The child process of {@link ColdStart}: makes one first call in a fresh JVM and prints
 * {@code firstCallMillis=<ms from main() to the answer>}. Each variant lives in its own class so
 * that a baseline child never loads a library class (and the reverse, except the shared libraries).
 *
 * <p>Arguments: the variant ({@code library-allinpay}, {@code baseline-allinpay} — SM2 —,
 * {@code library-yima}, {@code baseline-yima}, {@code library-xiaoe}, {@code baseline-xiaoe},
 * {@code noop}), the simulator's URL, and for Allinpay the complaint id.
 */
public final class FirstCall {
    private FirstCall() {}

    /**
     * @param args variant and URL
     */
    public static void main(String[] args) {
        long start = System.nanoTime();
        URI uri = args.length > 1 ? URI.create(args[1]) : null;
        String outcome = switch (args[0]) {
            case "library-allinpay" -> LibraryFirstCall.allinpay(uri, args[2]);
            case "baseline-allinpay" -> BaselineFirstCall.allinpay(uri, args[2]);
            case "library-yima" -> LibraryFirstCall.yima(uri);
            case "baseline-yima" -> BaselineFirstCall.yima(uri);
            case "library-xiaoe" -> LibraryFirstCall.xiaoe(uri);
            case "baseline-xiaoe" -> BaselineFirstCall.xiaoe(uri);
            case "noop" -> check(true, "nothing");
            default -> throw new IllegalArgumentException("unknown variant " + args[0]);
        };
        long elapsed = System.nanoTime() - start;
        System.out.println("firstCallMillis=" + elapsed / 1e6);
        System.out.println("outcome=" + outcome);
    }

    /**
     * @return {@code ok: <detail>}
     * @throws IllegalStateException when the call did not succeed
     */
    static String check(boolean ok, String detail) {
        if (!ok) {
            throw new IllegalStateException("the first call did not succeed: " + detail);
        }
        return "ok: " + detail;
    }
}
