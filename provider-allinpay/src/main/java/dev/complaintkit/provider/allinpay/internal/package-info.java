/** Allinpay wire format, signers and key parsing. Not API: may change in any release. */
package dev.complaintkit.provider.allinpay.internal;
