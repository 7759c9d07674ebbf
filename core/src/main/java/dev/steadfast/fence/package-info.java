/**
 * Ownership fences and leases, enforced by the store.
 *
 * <p>An owner holds a named thing at an <em>epoch</em>. The epoch is the safety part: claims are a
 * compare-and-set of the store's fence, and every write an owner makes carries the guard "this fence is still at
 * my epoch", so once somebody holds a higher epoch the old owner's writes are refused by the store and change
 * nothing. The lease is the liveness part: it says when a silent owner may be replaced, and is only as good as the
 * clocks that read it; a wrong clock can cause an early takeover, never two writers.
 *
 * <p>Entry points: {@link dev.steadfast.fence.Fences} (claims under the takeover rules),
 * {@link dev.steadfast.fence.Leases} (TTL leases over fences, handed out in turns to the contenders that queued
 * for them in the store) and {@link dev.steadfast.fence.TakeoverQueue}
 * (contenders served in arrival order with bounded retries).
 */
package dev.steadfast.fence;
