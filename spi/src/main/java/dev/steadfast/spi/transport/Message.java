package dev.steadfast.spi.transport;

import java.util.Arrays;
import java.util.Objects;

/**
 * Everything nodes say to each other: replication {@link Frame}s, durable-LSN {@link Ack}s, {@link Refusal}s and
 * {@link RoleCommand}s. The set is closed: a transport encodes exactly these.
 *
 * <p>Terms and LSNs are never negative. An LSN numbers one committed batch of the primary's replicated journal,
 * from 1 without gaps; a term numbers one primary's reign, and only grows.
 */
public sealed interface Message permits Message.Frame, Message.Ack, Message.Refusal, RoleCommand {

    /**
     * Committed batches of the primary, stamped with the LSN of the first and the primary's term. The core packs
     * one or more consecutive batches into one frame, so a lagging replica catches up in few requests.
     *
     * @param term  the sending primary's term
     * @param lsn   the first batch's position in the replicated journal, {@code >= 1}
     * @param batch the batches, encoded by the core; opaque to transports (the array is not copied)
     */
    record Frame(long term, long lsn, byte[] batch) implements Message {
        /**
         * Checks the frame's stamp.
         *
         * @param term  the sending primary's term, {@code >= 0}
         * @param lsn   the first batch's position, {@code >= 1}
         * @param batch the encoded batches, not copied
         * @throws IllegalArgumentException if the term is negative or the LSN below 1
         */
        public Frame {
            Objects.requireNonNull(batch, "frame batch");
            requireTerm(term);
            if (lsn < 1) {
                throw new IllegalArgumentException("frame LSN must be >= 1, was " + lsn);
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Frame f && f.term == term && f.lsn == lsn && Arrays.equals(f.batch, batch);
        }

        @Override
        public int hashCode() {
            return Objects.hash(term, lsn, Arrays.hashCode(batch));
        }

        @Override
        public String toString() {
            return "Frame[term " + term + ", LSN " + lsn + ", " + batch.length + " bytes]";
        }
    }

    /**
     * A node's answer that it holds every batch up to {@code durableLsn} durably, at {@code term}.
     *
     * @param term       the highest term the node has durably adopted
     * @param durableLsn the node's durable frontier: every LSN up to it survives a restart of that node
     */
    record Ack(long term, long durableLsn) implements Message {
        /**
         * Checks the values.
         *
         * @param term       the highest term the node has durably adopted, {@code >= 0}
         * @param durableLsn the node's durable frontier, {@code >= 0}
         * @throws IllegalArgumentException if a value is negative
         */
        public Ack {
            requireTerm(term);
            if (durableLsn < 0) {
                throw new IllegalArgumentException("acknowledged LSN must be >= 0, was " + durableLsn);
            }
        }
    }

    /**
     * A request the node will not honour, and why.
     *
     * @param term   the highest term the refusing node has durably adopted
     * @param reason the kind of refusal
     * @param detail a sentence naming what was expected and what was found
     */
    record Refusal(long term, Reason reason, String detail) implements Message {
        /**
         * Checks the values.
         *
         * @param term   the highest term the refusing node has durably adopted, {@code >= 0}
         * @param reason the kind of refusal
         * @param detail what was expected and what was found
         * @throws IllegalArgumentException if the term is negative
         */
        public Refusal {
            requireTerm(term);
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Why a request was refused. */
    enum Reason {
        /** The request carried a lower term than the node has adopted: its sender was deposed. */
        STALE_TERM,
        /** The node is not the primary, or not the primary the request assumed. */
        NOT_PRIMARY,
        /** The node's journal holds entries the cluster's primary never had; it must be rebuilt, not fed. */
        DIVERGED,
        /** The request is not valid for the node's state (an unknown replica, a malformed batch). */
        INVALID
    }

    private static void requireTerm(long term) {
        if (term < 0) {
            throw new IllegalArgumentException("term must be >= 0, was " + term);
        }
    }
}
