/**
 * History checkers: each reads a {@link io.chorus.simulation.history.History} and the replicas'
 * {@link io.chorus.simulation.check.FinalState} after heal, and explains every violation of one
 * promise of shared/SEMANTICS.md (durability of acknowledged writes, no phantom values,
 * convergence, strict-quorum freshness, liveness of the healed cluster). They judge causality with
 * version vectors only, never wall clocks, and must not flag correct behaviour: each documents
 * exactly what it checks and why that is implied by the contract.
 */
package io.chorus.simulation.check;
