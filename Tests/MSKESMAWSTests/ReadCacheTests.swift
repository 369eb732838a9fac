import Foundation
import MSKESMCore
import Testing

import MSKESMAWS

/// The read cache's two pools (ReadCache.swift): reads that usually serve one mapping (topics) cannot evict the
/// shared reads (functions, roles, clusters) that later mappings need again.
struct ReadCacheTests {
    /// Asks `cache` for each of `keys` in turn; `counter` counts the reads actually made.
    func ask(_ cache: ReadCache, _ keys: [String], perMapping: Bool = false, counter: Gauge) async throws {
        for key in keys {
            _ = try await cache.value(key, perMapping: perMapping) {
                await counter.enter()
                return .string(key)
            }
        }
    }

    @Test("a flood of per-mapping reads does not evict the shared entries")
    func perMappingReadsKeepSharedEntries() async throws {
        let cache = ReadCache(capacity: 8, perMappingCapacity: 4)
        let shared = Gauge()
        let topics = Gauge()
        let sharedKeys = (0..<8).map { "role-\($0)" }
        try await ask(cache, sharedKeys, counter: shared)
        try await ask(cache, (0..<100).map { "topic-\($0)" }, perMapping: true, counter: topics)
        try await ask(cache, sharedKeys, counter: shared)
        #expect(await shared.entered == 8)
        #expect(await topics.entered == 100)
        let stats = await cache.statistics
        #expect(stats.reads == 108 && stats.hits == 8)
    }

    @Test("the same flood in the shared pool evicts them (what the per-mapping pool prevents)")
    func sharedFloodEvicts() async throws {
        let cache = ReadCache(capacity: 8, perMappingCapacity: 4)
        let shared = Gauge()
        let sharedKeys = (0..<8).map { "role-\($0)" }
        try await ask(cache, sharedKeys, counter: shared)
        try await ask(cache, (0..<100).map { "topic-\($0)" }, counter: Gauge())
        try await ask(cache, sharedKeys, counter: shared)
        #expect(await shared.entered == 16)
    }

    @Test("each pool drops its least recently used entries past its capacity, and keeps the recent ones")
    func leastRecentlyUsedGoFirst() async throws {
        let cache = ReadCache(capacity: 4, perMappingCapacity: 4)
        let counter = Gauge()
        try await ask(cache, ["a", "b", "c", "d"], counter: counter)
        try await ask(cache, ["a"], counter: counter)  // a is now the most recent; b the least
        try await ask(cache, ["e"], counter: counter)  // 5 > 4: drops a quarter (one entry), b
        #expect(await counter.entered == 5)
        try await ask(cache, ["a", "c", "d", "e"], counter: counter)
        #expect(await counter.entered == 5)
        try await ask(cache, ["b"], counter: counter)
        #expect(await counter.entered == 6)
        let topics = Gauge()
        try await ask(cache, ["t", "t", "t"], perMapping: true, counter: topics)
        #expect(await topics.entered == 1)
    }
}

extension ReadCacheTests {
    @Test("an answer kept as text comes back as the same value, for the first asker and for later ones")
    func answersRoundTrip() async throws {
        let cache = ReadCache()
        let answer: JSONValue = [
            "Role": ["RoleName": "r", "MaxSessionDuration": 3600, "CreateDate": 1_700_000_000.25, "Tags": []],
            "Text": "quote \" slash / unicode é \u{1}", "Flag": true, "Nothing": nil, "Big": 12_345_678_901_234,
        ]
        for _ in 0..<2 {
            let value = try await cache.value("role") { answer }
            #expect(value == answer)
        }
    }
}
