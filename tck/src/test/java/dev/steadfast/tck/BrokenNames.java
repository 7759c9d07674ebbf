package dev.steadfast.tck;

import dev.steadfast.spi.Fence;
import dev.steadfast.spi.KeyRange;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StoredRecord;
import dev.steadfast.spi.StreamId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Stores that match names by pattern rather than literally, as an unescaped SQL query or a folding collation does. */
final class BrokenNames {
    private BrokenNames() {
    }

    /** Lists by an unescaped {@code LIKE prefix || '%'} and scans by {@code namespace LIKE ?}. */
    static class LikePatterns extends ForwardingStore {
        LikePatterns(Store delegate) {
            super(delegate);
        }

        /** Whether {@code name} matches {@code pattern}; for LIKE, '_' is any one character and '%' any run. */
        boolean matches(String pattern, String name) {
            StringBuilder regex = new StringBuilder();
            for (char c : pattern.toCharArray()) {
                regex.append(c == '_' ? "." : c == '%' ? ".*" : Pattern.quote(String.valueOf(c)));
            }
            return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(name).matches();
        }

        private Predicate<String> startsWith(String prefix) {
            return name -> matches(prefix + "%", name);
        }

        @Override
        public List<StreamId> listStreams(String prefix) {
            return super.listStreams("").stream().filter(s -> startsWith(prefix).test(s.value())).toList();
        }

        @Override
        public List<String> listSnapshots(String prefix) {
            return super.listSnapshots("").stream().filter(startsWith(prefix)).toList();
        }

        @Override
        public List<String> listNamespaces(String prefix) {
            return super.listNamespaces("").stream().filter(startsWith(prefix)).toList();
        }

        @Override
        public List<Fence> listFences(String prefix) {
            return super.listFences("").stream().filter(f -> startsWith(prefix).test(f.name())).toList();
        }

        @Override
        public Stream<StoredRecord> scanRecords(String namespace, KeyRange range, int limit) {
            List<StoredRecord> all = new ArrayList<>();
            for (String ns : super.listNamespaces("")) {
                if (matches(namespace, ns)) {
                    try (Stream<StoredRecord> s = super.scanRecords(ns, range, limit)) {
                        s.map(r -> new StoredRecord(namespace, r.key(), r.value())).forEach(all::add);
                    }
                }
            }
            return all.stream().sorted(Comparator.comparing(StoredRecord::key)).limit(limit);
        }
    }

    /** Matches names ignoring case, as a case-insensitive collation does; the listing still sorts. */
    static final class FoldsCase extends LikePatterns {
        FoldsCase(Store delegate) {
            super(delegate);
        }

        @Override
        boolean matches(String pattern, String name) {
            String p = pattern.endsWith("%") ? pattern.substring(0, pattern.length() - 1) : pattern;
            String folded = name.toLowerCase(Locale.ROOT);
            return pattern.endsWith("%") ? folded.startsWith(p.toLowerCase(Locale.ROOT))
                    : folded.equals(p.toLowerCase(Locale.ROOT));
        }
    }
}
