/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.cli;

import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.ComplaintRef;
import picocli.CommandLine.Option;

/** The {@code --merchant} option of the commands about one complaint: the sub-merchant, for service providers and agents. */
final class MerchantOption {
    @Option(names = "--merchant", paramLabel = "MCHID",
            description = "The sub-merchant the complaint belongs to (service providers and agents, e.g. WeChat Pay's"
                    + " complainted_mchid); default: the provider's configured one.")
    String merchant;

    /** @param id the complaint @return the reference, for the sub-merchant when {@code --merchant} was given */
    ComplaintRef ref(ComplaintId id) {
        ComplaintRef ref = ComplaintRef.of(id);
        return merchant == null || merchant.isBlank() ? ref : ref.forSubMerchant(merchant.trim());
    }
}
