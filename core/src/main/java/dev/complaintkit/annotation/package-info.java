/** The two API tiers below the public API: {@link dev.complaintkit.annotation.InternalApi} and {@link dev.complaintkit.annotation.ProtectedApi}. */
package dev.complaintkit.annotation;
