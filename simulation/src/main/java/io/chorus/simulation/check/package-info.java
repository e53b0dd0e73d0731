/**
 * History checkers: each reads a {@link io.chorus.simulation.history.History} and the replicas'
 * {@link io.chorus.simulation.check.FinalState} after heal, and explains every violation of one
 * promise of shared/SEMANTICS.md (durability of acknowledged writes, no phantom values,
 * convergence, strict-quorum freshness, liveness of the healed cluster, counters that count each
 * acknowledged increment once, add-wins sets that keep acknowledged adds and invent nothing). The
 * plain checkers judge causality with version vectors only; the CRDT checkers, whose values carry
 * no context for clients, judge by the real-time order of invocations and acknowledgements (virtual
 * time, never a node's clock). None may flag correct behaviour: each documents exactly what it
 * checks and why that is implied by the contract.
 */
package io.chorus.simulation.check;
