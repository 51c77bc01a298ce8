'use strict';

/**
 * `ordering` on the cases list, as Django REST Framework's OrderingFilter reads it: a field name,
 * `-` for descending, several comma-separated (`-modified,id`). Certn does not document it (the
 * list is newest-created first); clients that rely on it must survive a Certn that ignores it:
 * setting `ordering: 'ignored'` (default `'honoured'`). Unknown fields are ignored, as DRF does.
 */

const ORDERING_FIELDS = ['created', 'modified', 'id', 'short_id', 'overall_status'];

/**
 * @param {any[]} cases already filtered, newest created first
 * @param {unknown} raw the `ordering` query value
 */
function orderCases(cases, raw) {
	const keys = String(Array.isArray(raw) ? raw[0] : raw ?? '')
		.split(',')
		.map((k) => k.trim())
		.filter((k) => ORDERING_FIELDS.includes(k.replace(/^-/, '')));
	if (!keys.length) return cases;
	return [...cases].sort((a, b) => {
		for (const key of keys) {
			const field = key.replace(/^-/, '');
			const dir = key.startsWith('-') ? -1 : 1;
			const x = String(a[field] ?? '');
			const y = String(b[field] ?? '');
			if (x !== y) return x < y ? -dir : dir;
		}
		return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
	});
}

module.exports = { orderCases, ORDERING_FIELDS };
