package dev.steadfast.cli;

import java.util.List;

/**
 * What {@link StoreVerifier} found: how much it read and every fault, each with its exact location.
 *
 * @param journals   journals walked
 * @param entries    journal entries read
 * @param snapshots  snapshots loaded
 * @param fences     fences read
 * @param namespaces record namespaces scanned
 * @param records    records read
 * @param faults     the faults found, in the order met
 */
record Verification(long journals, long entries, long snapshots, long fences, long namespaces, long records,
                    List<Fault> faults) {

    /** One fault: where (a journal and sequence, a snapshot key, a record) and what is wrong there. */
    record Fault(String location, String problem) {
        @Override
        public String toString() {
            return location + ": " + problem;
        }
    }

    boolean ok() {
        return faults.isEmpty();
    }

    String counts() {
        return "journals " + journals + " (entries " + entries + "), snapshots " + snapshots + ", fences " + fences
                + ", namespaces " + namespaces + " (records " + records + ")";
    }
}
