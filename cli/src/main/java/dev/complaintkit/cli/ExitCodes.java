/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.cli;

import dev.complaintkit.error.ConfigurationException;
import dev.complaintkit.error.OutcomeUnknownException;
import dev.complaintkit.error.ProviderException;
import dev.complaintkit.error.SignatureException;
import dev.complaintkit.error.TransportException;
import dev.complaintkit.error.UnsupportedCapabilityException;
import dev.complaintkit.error.ValidationException;

/** The command's exit codes, and what to tell the user for each failure. */
final class ExitCodes {
    static final int OK = 0;
    /** Usage or configuration error. */
    static final int USAGE = 2;
    /** Invalid input; nothing was sent. */
    static final int INVALID_INPUT = 3;
    /** The provider refused (its code and message shown). */
    static final int REFUSED = 4;
    /** Could not reach the provider or verify its answer. */
    static final int UNREACHABLE = 5;
    /** Anything else (a bug). */
    static final int INTERNAL = 1;

    private ExitCodes() {}

    static int of(Throwable e) {
        if (e instanceof ValidationException) {
            return INVALID_INPUT;
        }
        if (e instanceof ConfigurationException || e instanceof UnsupportedCapabilityException
                || e instanceof picocli.CommandLine.ParameterException) {
            return USAGE;
        }
        if (e instanceof ProviderException) {
            return REFUSED;
        }
        if (e instanceof TransportException || e instanceof SignatureException || e instanceof OutcomeUnknownException) {
            return UNREACHABLE;
        }
        return INTERNAL;
    }

    static String advice(Throwable e) {
        boolean keyed = e instanceof dev.complaintkit.error.ComplaintException c && c.idempotencyKey().isPresent();
        String resend = " The provider may or may not have taken the reply: resend it only with the idempotency key above"
                + " (the provider takes a key once; a new key would make a second reply).";
        return switch (of(e)) {
            case INVALID_INPUT -> "Nothing was sent. Fix the input above and run again.";
            case USAGE -> e instanceof UnsupportedCapabilityException
                    ? "Run 'complaintkit providers' to see what each provider offers."
                    : e instanceof picocli.CommandLine.ParameterException p
                    ? "Run '" + p.getCommandLine().getCommandSpec().qualifiedName() + " --help' for the options."
                    : "Check the settings (--config FILE, or COMPLAINTKIT_<KEY> environment variables).";
            case REFUSED -> "The provider refused the request; see its code and message above.";
            case UNREACHABLE -> e instanceof OutcomeUnknownException
                    ? "The provider may or may not have made the change, and it was not sent again: check as the message says,"
                            + " and run the command again only if it was not made."
                    : (e instanceof SignatureException
                    ? "The answer's signature did not verify: check the platform public key / secret setting."
                    : keyed ? "Check the endpoint setting and the network." : "Check the endpoint setting and the network, then retry.")
                    + (keyed ? resend : "");
            default -> "Unexpected failure; run again with --verbose and report it.";
        };
    }
}
