--[[
  Applies a correction or a retraction to a stored headline: appends the change entry to the
  all-stream and to the topic and region streams of the headline's old and new tags, under
  one new id, and updates the headline's state record, in one atomic call. So a change is
  either on every stream a client could resume from, with its record saying so, or nowhere.

  Checked against the record first (a concurrent editor or source correction makes the
  caller read again and retry; a retraction is final):

  Input:
    KEYS[1]     the all-stream
    KEYS[2]     the headline's state record (a hash, see store-headlines.lua)
    KEYS[3 .. ] the topic and region streams of the old and the new tags, each once

    ARGV[1]  MAXLEN ~ of the all-stream
    ARGV[2]  MAXLEN ~ of each topic and region stream
    ARGV[3]  seconds the state record lives (as the de-duplication keys)
    ARGV[4]  the revision the change was computed from
    ARGV[5]  '1' when the record is expected to be missing (a headline stored before records
             existed, read from the all-stream): it is created; '0' otherwise
    ARGV[6]  the change entry's JSON (field `c`; readers add the entry id)
    ARGV[7]  'update' or 'retract'
    ARGV[8]  update: the headline as it now stands, JSON without the id (record field `h`);
             retract: the reason (record field `retracted`)
    ARGV[9]  update: the new revision; retract: the time of the retraction (`retractedAt`)
    ARGV[10] update: the source's new fingerprint (`src`), or '' to keep the record's

  Output:
    { 'ok', change id }
    { 'stale' }      the record's revision is not ARGV[4] (or it exists though expected missing)
    { 'retracted' }  the headline is already retracted
    { 'gone' }       the record has expired (and was not expected missing)
]]
local allStream, state = KEYS[1], KEYS[2]
local allMaxLen, streamMaxLen, ttl = ARGV[1], ARGV[2], tonumber(ARGV[3])
local expected, create = ARGV[4], ARGV[5] == '1'

local exists = redis.call('EXISTS', state) == 1
if exists and redis.call('HEXISTS', state, 'retracted') == 1 then return { 'retracted' } end
if create then
  if exists then return { 'stale' } end
else
  if not exists then return { 'gone' } end
  if redis.call('HGET', state, 'rev') ~= expected then return { 'stale' } end
end

local json = ARGV[6]
local id = redis.call('XADD', allStream, 'MAXLEN', '~', allMaxLen, '*', 'c', json)
for i = 3, #KEYS do
  redis.call('XADD', KEYS[i], 'MAXLEN', '~', streamMaxLen, id, 'c', json)
end

if ARGV[7] == 'update' then
  redis.call('HSET', state, 'h', ARGV[8], 'rev', ARGV[9])
  if ARGV[10] ~= '' then redis.call('HSET', state, 'src', ARGV[10]) end
else
  if create then redis.call('HSET', state, 'rev', expected) end
  redis.call('HSET', state, 'retracted', ARGV[8], 'retractedAt', ARGV[9])
end
redis.call('EXPIRE', state, ttl)
return { 'ok', id }
