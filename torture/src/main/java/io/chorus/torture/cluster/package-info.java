/**
 * The node processes under test: each runs as its own OS user when the harness is root (so
 * nftables can tell their packets apart by socket owner), with libfaketime preloaded when it is
 * installed (so the nemesis can move its wall clock), and a storage watch log the harness reads.
 */
package io.chorus.torture.cluster;
