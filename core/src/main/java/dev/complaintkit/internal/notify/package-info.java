/** Core's in-JVM notification store (internal). */
@InternalApi
package dev.complaintkit.internal.notify;

import dev.complaintkit.annotation.InternalApi;
