/** Shared helpers of core and the provider modules (protected tier): not for users. */
@ProtectedApi
package dev.complaintkit.internal.wire;

import dev.complaintkit.annotation.ProtectedApi;
