// Package wechatsim plays WeChat's servers for both WeDesk channels: the
// Official Account (公众号) API host (api.weixin.qq.com) and WeCom's
// 微信客服 (kf) API host (qyapi.weixin.qq.com), as one http.Handler, and
// the push side, where simulated users (Customer, KFCustomer) send encrypted
// callbacks to an account's or corp's server URL. Tests mount it on
// httptest, `wedesk demo` on a loopback port, and RunLoad drives an account
// server at volume.
//
// It is written from /work/shared/spec/wechat-mp.md and wecom-kf.md, not
// from WeDesk's clients, and errs on the strict side wherever the documents
// disagree, so that code which works here works against WeChat and WeCom.
//
// # Modelled
//
//   - Tokens (§5): /cgi-bin/token issues a new token on every call, the
//     previous one works 5 more minutes, then answers 40001; 2000 issues a
//     day (45009). /cgi-bin/stable_token is a separate token family that
//     returns the same token while more than 5 minutes remain, a new one in
//     the last 5 minutes (the old one runs out by itself), and with
//     force_refresh revokes the old one at once (20 a day, then 45009).
//     Errors: 40002 grant_type, 41002/41004 missing appid/secret (global
//     table), 40013 unknown appid, 40125 wrong secret; on API calls 41001
//     missing, 40014 unknown, 42001 expired, 40001 superseded or revoked.
//   - message/custom/send (§4.1, §4.2): every msgtype of §4.1 with its
//     required payload (47001 when missing); temp media ids must exist, be
//     the account's and be of the right kind (40007); text over 2048 bytes
//     45002 (an assumption: WeChat does not document the limit); news with
//     more than one article 45008; unknown openid 40003; unknown msgtype
//     40008. Window and quota: a user message allows Quota sends within
//     Window and resets both; follow, SCAN, click/scancode menu taps and
//     msgmenu taps (text with bizmsgmenuid) allow 3 sends within a minute
//     and do not touch the message quota. The soonest-expiring open window
//     is spent first. No open window or unfollowed user 45015; open
//     windows all spent 45047.
//   - media/upload and media/get (§6): types image/voice/video/thumb (else
//     40004), multipart field "media" (else 41005), strictest size limits
//     (image 2 MB, voice 2 MB, video 10 MB, thumb 64 KB; 40006) and both the
//     file extension and the sniffed content must fit the type (40005).
//     media/get answers the bytes with Content-Type and WeChat's
//     "Content-disposition" header, {"video_url"} for video, and 40007 for
//     unknown, foreign or 3-day-old ids. PicUrl and video_url point at the
//     simulator's own /sim/media/ path.
//   - user/info (§9.1) without the fields WeChat dropped in 2021; subscribe 0
//     with only openid for anyone not following.
//   - message/template/send (§7): msgid answer, client_msg_id deduplicated
//     for 10 minutes, 43004 for unfollowed users, and a TEMPLATESENDJOBFINISH
//     push to the callback URL afterwards.
//   - menu/create, menu/get, menu/delete (§8): 1–3 buttons, 1–5 sub-buttons,
//     name 16/60 bytes, key 128, url 1024, per-type required fields, with
//     the 40016–40027 codes of WeChat's global table (40018 is in the spec).
//   - Every error answers HTTP 200 JSON with errcode and an errmsg that
//     starts with the documented text and ends, like WeChat's, in
//     " rid: …"; Content-Type is WeChat's "application/json; encoding=utf-8".
//     Empty POST body 44002, non-JSON 47001, wrong method 43001/43002.
//   - Pushes (§2): safe, compatible and plaintext bodies with signature,
//     timestamp and nonce, plus openid, encrypt_type=aes and msg_signature in
//     the encrypted modes (plaintext pushes leave openid out, as the official
//     example does); 5 s deadline; at most three posts of the same message
//     (same MsgId and CreateTime; timestamp, nonce and ciphertext are fresh
//     on each post, so servers must deduplicate on MsgId) while the answer
//     times out or is not 200. A 200 answer must be "success", empty, or a
//     passive reply valid for the mode: encrypted replies have their
//     MsgSignature checked and are decrypted; the reply must swap To/From,
//     carry an integer CreateTime, a passive MsgType with its elements, and
//     existing media ids. Anything else is ErrInvalidReply (no retry).
//   - The URL check GET (§1) with a plaintext echostr in every mode.
//   - Faults: InjectError, RevokeTokens, SetDown (HTTP 503), SetDrop (the
//     connection is closed without an answer).
//
// # Modelled on the kf side (wecom-kf.md, files kf_*.go)
//
//   - gettoken (§1) with corpid/corpsecret, separate from /cgi-bin/token:
//     the same 512-byte token while valid (expires_in counts down), 41002/
//     40013/41004/40001 for missing or wrong credentials; kf calls answer
//     41001, 40014 (unknown, an Official Account token, or RevokeKFTokens)
//     and 42001. media/upload and media/get share their paths with the
//     Official Account API; a kf token routes them to the kf side. Errors
//     use WeCom's errmsg shape (", hint: […] … more info at …?e=code").
//   - Callbacks (§2): KFCustomer's Send methods log a message of any §4
//     msgtype (origin 3; ServicerSend origin 5, SystemSend and the event
//     methods origin 4), then post the encrypted kf_msg_or_event envelope
//     (receive id = CorpID, fresh Token valid 10 minutes, 5 s deadline,
//     three posts at most; the answer must be empty or "success").
//     Enqueue/EnqueueTexts only log; KFFire only posts; VerifyKFURL makes
//     the GET check with an encrypted echostr.
//   - sync_msg (§4): opaque cursors bound to open_kfid (others 40058),
//     limit default and maximum 1000 (more is clamped), has_more, 3-day
//     retention, voice_format 1 (a SILK copy), token 95007 when unknown,
//     expired or another account's; without a token Options.KFSyncWithoutToken
//     calls a minute (45009). Messages sent through the API are not synced.
//   - send_msg (§5): per-type payload checks, msgid ≤32 [0-9a-zA-Z_-] and
//     unique per account (40058 either way), state 0/1 only (95018), 48 h
//     after the customer's last message (95002), 5 sends per message
//     (95001); menu clicks change the state but reopen no quota; a customer
//     the account never saw 95031. The first API send moves 0 to 1.
//     SetKFLatency delays the answer after the send took effect.
//   - send_msg_on_event (§6): welcome (20 s, only without a welcome or
//     message in 48 h), queue/human (48 h) and end (20 s) codes, single use,
//     95007 when unknown, used or expired, 95018 when the session left the
//     state that produced the code, 40008 for a msgtype the code may not send.
//   - service_state (§7) with the official prose's moves (0→1/2/3, 1→2/3,
//     2→3, 3→3/4; 95016 otherwise; 95014 for target 3 without a receiving
//     servicer) and msg_code on the first move to 2 or 3 and every move to
//     4; account/list, add_contact_way (stable …/kfid/kfc… links with
//     enc_scene), customer/batchget, media upload/get (Range honoured), and
//     拒收 (RejectMessages) answering later sends with msg_send_fail 10.
//
// # Not modelled
//
// On the kf side: recall_msg, upgrade service, servicer/account management
// APIs, statistics, knowledge base, 48002/48007/60020 permissions (inject
// them), the real msg_send_fail causes other than 拒收, and the undocumented
// errmsg wording. Where WeCom documents no code (invalid cursor, duplicate
// msgid) the simulator answers 40058; for event codes 95007.
//
// On the Official Account side: the IP whitelist (40164; inject it), verified-account and test-account
// restrictions (48001, 40200), permanent material and mpnews article counts,
// the template list (any non-empty template_id is accepted), kf accounts
// and the customservice field, typing, tags, OAuth, mass sends, the
// stable_token 30-second spacing and per-minute API quotas (inject 45011),
// voice duration limits, the 80/443 port rule for server URLs, JSON-format
// pushes, EncodingAESKey rotation, retry spacing (RetryDelay, default 0)
// and the delay before template receipts (sent at once).
package wechatsim
