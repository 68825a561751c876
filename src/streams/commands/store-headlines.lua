--[[
  Stores a batch of headlines, each exactly once: de-duplication, every XADD and the
  headline's state record in one atomic call, so no crash can leave a headline in some
  streams and not others, or mark it seen without storing it. Headlines are handled in
  order, so a repeat within the batch is found as a duplicate of the earlier one. One call
  per batch (a feed poll, a publish request) also spares Redis the per-call cost that would
  otherwise be paid per headline.

  A repeat found under its guid (the first de-duplication key, when the item has one) whose
  title or link differ from what its source last said is answered as "changed at source":
  the caller turns it into a correction (apply-change.lua), checked against the revision.

  Input:
    KEYS[1]             the all-stream
    KEYS[2 .. ]         per headline, in order: its de-duplication keys, then the topic and
                        region streams it belongs to (never the all-stream again; combined
                        channels have no stream, see layout.ts)

    ARGV[1]  MAXLEN ~ of the all-stream
    ARGV[2]  MAXLEN ~ of each topic and region stream
    ARGV[3]  seconds a de-duplication key and a state record live (refreshed on every sighting)
    ARGV[4]  the state record key prefix (`{nt}:headline:`); a record's key is the prefix and
             the headline id. It carries the keys' hash tag, so records share their slot.
    ARGV[5 .. ]  per headline, four values:
             the number of its de-duplication keys (seen under any of them = duplicate),
             the number of its topic and region streams,
             its JSON, without the id (readers add the entry id),
             its source fingerprint (a hash of title and link), or '' when it has no guid

  State record (a hash): `rev` the revision (1 here), `src` the source fingerprint when
  given; apply-change.lua adds `h` (the headline as corrected) and `retracted` (the reason).

  Output, one entry per headline in input order:
    { 0, id }         stored under the new stream id
    { 1, id, json }   duplicate of id; json is the headline as it now stands (its record's
                      `h` once corrected, else the all-stream's entry), nil when neither holds it
    { 2, id, json, rev }  as { 1, id, json }, found under its guid with a new title or link:
                      a correction by its source, to apply on top of revision rev
]]
local allStream = KEYS[1]
local allMaxLen, streamMaxLen, ttl, statePrefix = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4]

-- A guid hit with another fingerprint is a change at source; a record that never had a
-- fingerprint (written by an older version) takes this one as its baseline.
local function changed_at_source(state, fingerprint)
  if fingerprint == '' or redis.call('EXISTS', state) == 0 then return false end
  local fields = redis.call('HMGET', state, 'src', 'retracted', 'rev')
  if fields[2] then return false end
  if not fields[1] then
    redis.call('HSET', state, 'src', fingerprint)
    return false
  end
  if fields[1] == fingerprint then return false end
  return fields[3]
end

local function store(firstKey, dedupeCount, streamCount, json, fingerprint)
  local existing = false
  local hitKey = nil
  for i = firstKey, firstKey + dedupeCount - 1 do
    existing = redis.call('GET', KEYS[i])
    if existing then
      hitKey = i
      break
    end
  end

  if existing then
    -- Refresh every key so an item that stays in a feed for weeks is never stored twice.
    for i = firstKey, firstKey + dedupeCount - 1 do
      redis.call('SET', KEYS[i], existing, 'EX', ttl)
    end
    local state = statePrefix .. existing
    redis.call('EXPIRE', state, ttl)
    local stored = redis.call('HGET', state, 'h')
    if not stored then
      local entries = redis.call('XRANGE', allStream, existing, existing)
      if entries[1] then stored = entries[1][2][2] end
    end
    if hitKey == firstKey then
      local revision = changed_at_source(state, fingerprint)
      if revision then return { 2, existing, stored, revision } end
    end
    return { 1, existing, stored }
  end

  local id = redis.call('XADD', allStream, 'MAXLEN', '~', allMaxLen, '*', 'h', json)
  local firstStream = firstKey + dedupeCount
  for i = firstStream, firstStream + streamCount - 1 do
    redis.call('XADD', KEYS[i], 'MAXLEN', '~', streamMaxLen, id, 'h', json)
  end
  for i = firstKey, firstKey + dedupeCount - 1 do
    redis.call('SET', KEYS[i], id, 'EX', ttl)
  end
  local state = statePrefix .. id
  if fingerprint == '' then
    redis.call('HSET', state, 'rev', 1)
  else
    redis.call('HSET', state, 'rev', 1, 'src', fingerprint)
  end
  redis.call('EXPIRE', state, ttl)
  return { 0, id }
end

local results = {}
local nextKey = 2
for arg = 5, #ARGV, 4 do
  local dedupeCount, streamCount = tonumber(ARGV[arg]), tonumber(ARGV[arg + 1])
  results[#results + 1] = store(nextKey, dedupeCount, streamCount, ARGV[arg + 2], ARGV[arg + 3])
  nextKey = nextKey + dedupeCount + streamCount
end
return results
