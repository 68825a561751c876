--[[
  Stores a batch of headlines, each exactly once: de-duplication and every XADD in one atomic
  call, so no crash can leave a headline in some streams and not others, or mark it seen
  without storing it. Headlines are handled in order, so a repeat within the batch is found
  as a duplicate of the earlier one. One call per batch (a feed poll, a publish request)
  also spares Redis the per-call cost that would otherwise be paid per headline.

  Input:
    KEYS[1]             the all-stream
    KEYS[2 .. ]         per headline, in order: its de-duplication keys, then the topic and
                        region streams it belongs to (never the all-stream again; combined
                        channels have no stream, see layout.ts)

    ARGV[1]  MAXLEN ~ of the all-stream
    ARGV[2]  MAXLEN ~ of each topic and region stream
    ARGV[3]  seconds a de-duplication key lives (refreshed on every sighting)
    ARGV[4 .. ]  per headline, three values:
             the number of its de-duplication keys (seen under any of them = duplicate),
             the number of its topic and region streams,
             its JSON, without the id (readers add the entry id)

  Output, one entry per headline in input order:
    { 0, id }         stored under the new stream id
    { 1, id, json }   duplicate of id; json is the stored headline while the all-stream still
                      holds it, else nil
]]
local allStream = KEYS[1]
local allMaxLen, streamMaxLen, ttl = ARGV[1], ARGV[2], tonumber(ARGV[3])

local function store(firstKey, dedupeCount, streamCount, json)
  local existing = false
  for i = firstKey, firstKey + dedupeCount - 1 do
    existing = redis.call('GET', KEYS[i])
    if existing then break end
  end

  if existing then
    -- Refresh every key so an item that stays in a feed for weeks is never stored twice.
    for i = firstKey, firstKey + dedupeCount - 1 do
      redis.call('SET', KEYS[i], existing, 'EX', ttl)
    end
    local entries = redis.call('XRANGE', allStream, existing, existing)
    local stored = false
    if entries[1] then stored = entries[1][2][2] end
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
  return { 0, id }
end

local results = {}
local nextKey = 2
for arg = 4, #ARGV, 3 do
  local dedupeCount, streamCount = tonumber(ARGV[arg]), tonumber(ARGV[arg + 1])
  results[#results + 1] = store(nextKey, dedupeCount, streamCount, ARGV[arg + 2])
  nextKey = nextKey + dedupeCount + streamCount
end
return results
