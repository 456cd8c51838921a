/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.micrometer;

import dev.complaintkit.ClientObserver;
import dev.complaintkit.micrometer.ComplaintClientObservationDocumentation.LowCardinalityKeys;
import io.micrometer.common.KeyValues;

/**
 * The default names and tags: observation {@code complaintkit.client.requests}, contextual name
 * {@code complaintkit <operation>}, low-cardinality keys {@code provider}, {@code client},
 * {@code operation}, {@code outcome} and {@code error.type}. No high-cardinality keys: complaint
 * ids, bodies and secrets are never tags.
 */
public class DefaultComplaintClientObservationConvention implements ComplaintClientObservationConvention {
    /** The observation's name, also the meter's name. */
    public static final String NAME = "complaintkit.client.requests";

    /** A shared instance. */
    public static final DefaultComplaintClientObservationConvention INSTANCE = new DefaultComplaintClientObservationConvention();

    /** Creates the convention. */
    public DefaultComplaintClientObservationConvention() {}

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(ComplaintClientObservationContext context) {
        return "complaintkit " + context.getCall().operationName();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(ComplaintClientObservationContext context) {
        ClientObserver.Call call = context.getCall();
        // while the call runs (a long-task view) the outcome is not known yet
        ClientObserver.Result result = context.getResult().orElse(null);
        return KeyValues.of(
                LowCardinalityKeys.PROVIDER.withValue(call.providerId()),
                LowCardinalityKeys.CLIENT.withValue(call.clientName()),
                LowCardinalityKeys.OPERATION.withValue(call.operationName()),
                LowCardinalityKeys.OUTCOME.withValue(result == null ? "unknown" : result.outcome().tag()),
                LowCardinalityKeys.ERROR_TYPE.withValue(result == null ? ClientObserver.Result.NO_ERROR : result.errorType()));
    }
}
