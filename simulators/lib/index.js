'use strict';

/** Building blocks shared by every vendor simulator. */
module.exports = {
	...require('./server'),
	...require('./router'),
	...require('./query'),
	...require('./prng'),
	...require('./inflect'),
	...require('./errors'),
	...require('./faults'),
	...require('./rate-limit'),
	...require('./request-log'),
	...require('./webhooks'),
	...require('./webhook-sink'),
	...require('./util'),
};
