/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.micrometer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of a client call. Implement it (or extend
 * {@link DefaultComplaintClientObservationConvention}) to change them; pass yours to
 * {@link ObservationClientObserver}.
 */
public interface ComplaintClientObservationConvention extends ObservationConvention<ComplaintClientObservationContext> {
    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof ComplaintClientObservationContext;
    }
}
