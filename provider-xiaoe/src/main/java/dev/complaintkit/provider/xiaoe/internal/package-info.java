/** Not API: the Xiaoe adapter, its access-token cache, rate limiter and wire codec. */
package dev.complaintkit.provider.xiaoe.internal;
