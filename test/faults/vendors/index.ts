import type { FaultVendor } from '../vendor';
import { certn } from './certn';
import { penbox } from './penbox';
import { persona } from './persona';
import { sphinx } from './sphinx';
import { zenoo } from './zenoo';

/** Every vendor of the package; a new vendor adds its descriptor file and one entry here. */
export const FAULT_VENDORS: FaultVendor[] = [persona, certn, zenoo, sphinx, penbox];
