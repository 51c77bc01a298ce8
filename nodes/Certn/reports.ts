import type { IDataObject } from 'n8n-workflow';

/**
 * Certn's report files, read defensively: only `status` COMPLETE with a presigned URL is
 * documented; the field names below come from integrations and are tried in order.
 */

const first = (body: IDataObject, keys: string[]): unknown =>
	keys.map((k) => body[k]).find((v) => v !== undefined && v !== null && v !== '');

const asId = (value: unknown): string | null => {
	if (typeof value === 'string' || typeof value === 'number') return String(value);
	if (value && typeof value === 'object' && 'id' in value) return asId((value as IDataObject).id);
	return null;
};

/** The report-file id in a generate-report answer (`case_report_file_id` per one integration). */
export function reportFileIdOf(answer: IDataObject): string | null {
	return asId(first(answer, ['case_report_file_id', 'report_file_id', 'case_report_file', 'id']));
}

export function reportStatusOf(file: IDataObject): string {
	return String(first(file, ['status', 'state']) ?? '').toUpperCase();
}

export const REPORT_URL_KEYS = ['pdf_url', 'url', 'file_url', 'download_url', 'presigned_url'];

export function reportUrlOf(file: IDataObject): string | null {
	const url = first(file, REPORT_URL_KEYS);
	return typeof url === 'string' && /^https?:\/\//i.test(url) ? url : null;
}

export function reportCaseIdOf(file: IDataObject): string | null {
	return asId(first(file, ['case_id', 'case']));
}

/** `report.pdf` from `Content-Disposition: attachment; filename="report.pdf"`. */
export function fileNameFromDisposition(header: unknown): string | null {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value !== 'string') return null;
	const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(value);
	if (star) {
		try {
			return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
		} catch {
			// fall through to the plain parameter
		}
	}
	const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(value);
	return plain ? plain[1].trim() : null;
}

/** A name safe for every file system: letters, digits, dot, dash, underscore. */
export function safeFileName(name: string): string {
	const base = name.split(/[/\\]/).pop() ?? '';
	const cleaned = base.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+|_+$/g, '');
	const withExt = /\.pdf$/i.test(cleaned) ? cleaned : `${cleaned || 'certn-report'}.pdf`;
	return withExt.slice(-120);
}
