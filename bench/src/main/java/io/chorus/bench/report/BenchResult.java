package io.chorus.bench.report;

import io.chorus.bench.run.BenchConfig;
import io.chorus.bench.run.Verifier;

import java.util.List;

/**
 * Everything one {@code chorus bench} run found: the phases, the stale-read count, and the final
 * verification (null when skipped). The summary, the JSON and the plot are views of it.
 *
 * @param frontierTrims times the checker hit its per-key bound and forgot a write (0 normally)
 * @param interrupted   the run was stopped early (Ctrl-C): what was measured is reported, nothing is passed
 */
public record BenchResult(BenchConfig config, String target, PhaseResult load, PhaseResult run,
                          long checkedReads, long staleReads, List<String> staleExamples, long frontierTrims,
                          Verifier.Result verification, boolean interrupted) {

    /** The run met its promises: no stale reads where R+W>N, and every acknowledged write readable. */
    public boolean passed() {
        boolean freshOk = !config.promisesFreshReads() || staleReads == 0;
        boolean verifiedOk = verification == null || verification.allVerified();
        return freshOk && verifiedOk && !interrupted;
    }
}
