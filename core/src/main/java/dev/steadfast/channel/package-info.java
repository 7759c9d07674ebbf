/**
 * Durable channel state for a causal-delivery reliability protocol, every protocol step one atomic, fenced write.
 *
 * <p>Per channel: a lamport clock, the history of delivered messages (insertion order, FIFO eviction at a cap),
 * retrieval hints, the outgoing buffer of unacknowledged messages, the incoming buffer of messages waiting for
 * dependencies, and the repair buffers with absolute deadlines ({@link dev.steadfast.channel.ChannelState}). A
 * protocol step ({@link dev.steadfast.channel.ChannelStep}) changes several of them at once, and after a crash the
 * channel is in the state before or after it, never between.
 *
 * <p>Entry points: {@link dev.steadfast.channel.Channels} (durable, over a store) and
 * {@link dev.steadfast.channel.ChannelPersistence#noOp} (memory only); both hand out
 * {@link dev.steadfast.channel.Channel} handles with an asynchronous and a blocking form of every step.
 */
package dev.steadfast.channel;
