'use strict';

/**
 * A small but valid one-page PDF (correct xref offsets), so clients can be tested on real bytes:
 * `%PDF-1.4` header, a Helvetica text page, `%%EOF` trailer.
 */

/** Escapes text for a PDF literal string. */
function pdfString(text) {
	return String(text).replace(/[\\()]/g, (c) => `\\${c}`).replace(/[^\x20-\x7e]/g, '?');
}

/**
 * @param {string[]} lines text lines for the page
 * @returns {Buffer}
 */
function buildPdf(lines) {
	const content = [
		'BT',
		'/F1 14 Tf',
		'72 750 Td',
		'18 TL',
		...lines.map((line, i) => `${i === 0 ? '' : 'T* '}(${pdfString(line)}) Tj`),
		'ET',
	].join('\n');
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
		`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
	];
	let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
	const offsets = [];
	objects.forEach((body, i) => {
		offsets.push(Buffer.byteLength(out, 'latin1'));
		out += `${i + 1} 0 obj\n${body}\nendobj\n`;
	});
	const xref = Buffer.byteLength(out, 'latin1');
	out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
	for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
	out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return Buffer.from(out, 'latin1');
}

module.exports = { buildPdf };
