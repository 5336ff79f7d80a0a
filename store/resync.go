package store

import (
	"fmt"
	"strconv"

	"donthu/model"

	bolt "go.etcd.io/bbolt"
)

// A site restored from an old backup, or salvaged, holds less of its own
// chain than its parent office does. The parent's bundles say how much
// they hold (Holds); until the parent has returned the missing events
// (bundle.Manifest.Returned), this site must write nothing: each new
// event would take a (site, seq) the parent already holds with other
// content, and each new petition a number already given.
//
// metaAwait holds the seq of this site's own chain that the parent holds
// and this file does not yet, while that is so.
var metaAwait = []byte("sync/await_own")

// awaiting returns the refusal of a write while own events are awaited
// from the parent, or nil.
func awaiting(tx *bolt.Tx, site string, mine uint64) error {
	v := tx.Bucket(bMeta).Get(metaAwait)
	if v == nil {
		return nil
	}
	want, _ := strconv.ParseUint(string(v), 10, 64)
	if want <= mine {
		return nil
	}
	return userErr(ErrRestored,
		fmt.Sprintf("Chưa lưu được: tệp này được khôi phục từ bản sao lưu cũ, và cấp trên giữ dữ liệu của đơn vị đến sự kiện số %d trong khi tệp này chỉ có đến số %d. Để không số nào bị cấp hai lần, hãy gửi một gói cho cấp trên (Đồng bộ, hoặc donthu bundle export) rồi nhập gói trả lời: phần thiếu sẽ được trả lại, sau đó ghi tiếp bình thường.", want, mine),
		fmt.Sprintf("Not saved: this file was restored from an old backup, and the parent office holds this site's data up to event %d while this file has only up to %d. So that no number is given twice, send the office a bundle (Sync, or donthu bundle export) and import its answer: what is missing comes back, and saving works again.", want, mine))
}

// setAwait records that the parent holds this site's own chain up to
// holds while this file has up to mine; it is cleared only once the file
// has caught up (an older bundle arriving late, which says the parent
// holds less, clears nothing).
func setAwait(tx *bolt.Tx, holds, mine uint64) error {
	mb := tx.Bucket(bMeta)
	have, _ := strconv.ParseUint(string(mb.Get(metaAwait)), 10, 64)
	switch want := max(have, holds); {
	case want > mine && want != have:
		return mb.Put(metaAwait, []byte(strconv.FormatUint(want, 10)))
	case want <= mine && mb.Get(metaAwait) != nil:
		return mb.Delete(metaAwait)
	}
	return nil
}

// ErrRestored is a write refused while the parent is to return this
// site's own events.
var ErrRestored = fmt.Errorf("store: own events are awaited from the parent")

// raiseCounters moves the numbering counters of this site past every
// number its own events after..upto carry (events returned by the parent).
func raiseCounters(tx *bolt.Tx, site string, after, upto uint64) error {
	var evs []model.Event
	c := tx.Bucket(bEvents).Cursor()
	for k, v := c.Seek(evKey(site, after+1)); k != nil; k, v = c.Next() {
		ks, n, ok := parseEvKey(k)
		if !ok || ks != site || n > upto {
			break
		}
		e, err := decodeEvent(v)
		if err != nil {
			return err
		}
		evs = append(evs, e)
	}
	meta := map[string][]byte{}
	counters(site, evs, meta)
	mb := tx.Bucket(bMeta)
	for k, v := range meta {
		have, _ := strconv.Atoi(string(mb.Get([]byte(k))))
		if n, _ := strconv.Atoi(string(v)); n > have {
			if err := mb.Put([]byte(k), v); err != nil {
				return err
			}
		}
	}
	return nil
}
