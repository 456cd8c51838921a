/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.micrometer;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/** The observations this module makes, with their keys. */
public enum ComplaintClientObservationDocumentation implements ObservationDocumentation {
    /** One {@code ComplaintClient} call (each page fetch of a lazy stream is one). */
    CLIENT_REQUESTS {
        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultComplaintClientObservationConvention.class;
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return LowCardinalityKeys.values();
        }
    };

    /** The tags of {@code complaintkit.client.requests}: all low in cardinality (never a complaint id). */
    public enum LowCardinalityKeys implements KeyName {
        /** The provider id, e.g. {@code wechatpay}. */
        PROVIDER {
            @Override
            public String asString() {
                return "provider";
            }
        },
        /** The client's name, e.g. {@code shop1}. */
        CLIENT {
            @Override
            public String asString() {
                return "client";
            }
        },
        /** The operation, e.g. {@code list_complaints}, {@code reply}, {@code notifications}. */
        OPERATION {
            @Override
            public String asString() {
                return "operation";
            }
        },
        /** {@code success}, {@code duplicate}, {@code refused} or {@code failure}. */
        OUTCOME {
            @Override
            public String asString() {
                return "outcome";
            }
        },
        /** {@code none}, a refusal reason (e.g. {@code signature}) or an exception's simple class name. */
        ERROR_TYPE {
            @Override
            public String asString() {
                return "error.type";
            }
        }
    }
}
