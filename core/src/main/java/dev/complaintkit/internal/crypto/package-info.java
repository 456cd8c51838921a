/** Shared helpers of core and the provider modules (protected tier): not for users. */
@ProtectedApi
package dev.complaintkit.internal.crypto;

import dev.complaintkit.annotation.ProtectedApi;
