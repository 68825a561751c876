--[[
  Loads every source, seeding the store first when it was never seeded (a new Redis, or one
  wiped since): seeding, the version and the answer are one atomic step, so a reader never
  sees a store that is half seeded, and a wipe between two reads is seen as a new version.

  Input:
    KEYS[1]  the sources hash (source id → JSON)
    KEYS[2]  the "seeded" marker
    KEYS[3]  the version token

    ARGV[1]  a new version token, used when this call seeds (or finds no version)
    ARGV[2]  the pub/sub channel announcing changes
    ARGV[3..] the sources file: source id, JSON, source id, JSON, ...

  Output:
    { seeded, version, id, JSON, id, JSON, ... }
      seeded  1 when this call wrote the file's sources; 0 when the store was already seeded,
              or held sources without the marker (they are kept: the API's changes win over
              the file), in which case only the marker is set
      version the version token after this call
]]
local sourcesKey, seededKey, versionKey = KEYS[1], KEYS[2], KEYS[3]
local seeded = 0
if redis.call('EXISTS', seededKey) == 0 then
  if redis.call('HLEN', sourcesKey) == 0 and #ARGV > 2 then
    redis.call('HSET', sourcesKey, unpack(ARGV, 3))
    seeded = 1
  end
  redis.call('SET', seededKey, '1')
  redis.call('SET', versionKey, ARGV[1])
  redis.call('PUBLISH', ARGV[2], ARGV[1])
end
local version = redis.call('GET', versionKey)
if not version then
  version = ARGV[1]
  redis.call('SET', versionKey, version)
end
local reply = { seeded, version }
local all = redis.call('HGETALL', sourcesKey)
for i = 1, #all do reply[#reply + 1] = all[i] end
return reply
