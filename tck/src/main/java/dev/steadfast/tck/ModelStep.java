package dev.steadfast.tck;

import dev.steadfast.spi.Guard;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/** One step of a {@link ModelTests} sequence, printable so that a shrunk failing sequence reads as a recipe. */
sealed interface ModelStep {

    /** {@code store.apply(batch)}. */
    record Apply(WriteBatch batch) implements ModelStep {
        @Override
        public String toString() {
            return "apply " + describe(batch);
        }
    }

    /** {@code store.applyAll(batches)}. */
    record ApplyAll(List<WriteBatch> batches) implements ModelStep {
        @Override
        public String toString() {
            return "applyAll " + batches.stream().map(ModelStep::describe).collect(Collectors.joining(", ", "[", "]"));
        }
    }

    /** Close the store and open its directory again (durable stores). */
    record Reopen() implements ModelStep {
        @Override
        public String toString() {
            return "close and reopen";
        }
    }

    /** Compare every read of a second handle on the same directory with the model (shared stores). */
    record ReadSecondHandle() implements ModelStep {
        @Override
        public String toString() {
            return "read everything through a second handle";
        }
    }

    static String describe(WriteBatch batch) {
        String guards = batch.guards().stream().map(ModelStep::describe).collect(Collectors.joining(", "));
        String ops = batch.operations().stream().map(ModelStep::describe).collect(Collectors.joining(", "));
        return "{" + (guards.isEmpty() ? "" : "guards " + guards + "; ") + ops + "}";
    }

    private static String describe(Guard guard) {
        if (guard instanceof Guard.FenceAt f) {
            return "fence " + f.name() + " at " + f.epoch();
        }
        Guard.JournalAt j = (Guard.JournalAt) guard;
        return "journal " + j.stream() + " at " + j.head();
    }

    private static String describe(WriteOp op) {
        HexFormat hex = HexFormat.of();
        if (op instanceof WriteOp.Append a) {
            return "append " + a.stream() + "@" + a.expectedHead() + " "
                    + a.payloads().stream().map(hex::formatHex).collect(Collectors.joining("|", "[", "]"));
        } else if (op instanceof WriteOp.TruncateJournal t) {
            return "truncate " + t.stream() + " to " + t.upToSequence();
        } else if (op instanceof WriteOp.PutSnapshot p) {
            return "put snapshot " + p.snapshot().key() + "@" + p.snapshot().coveredSequence() + "="
                    + hex.formatHex(p.snapshot().payload());
        } else if (op instanceof WriteOp.DeleteSnapshot d) {
            return "delete snapshot " + d.key();
        } else if (op instanceof WriteOp.PutRecord r) {
            return "put " + r.namespace() + " " + r.key() + "=" + hex.formatHex(r.value());
        } else if (op instanceof WriteOp.RemoveRecord r) {
            return "remove " + r.namespace() + " " + r.key();
        } else if (op instanceof WriteOp.DropNamespace d) {
            return "drop " + d.namespace();
        }
        WriteOp.SetFence f = (WriteOp.SetFence) op;
        return "set fence " + f.fence().name() + " " + f.expectedEpoch() + "->" + f.fence().epoch() + " owner "
                + f.fence().owner() + " token '" + f.fence().token() + "' lease " + f.fence().leaseUntilMillis();
    }
}
