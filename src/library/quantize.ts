/**
 * The stored embedding format is the search module's: codes[i*dims+j] = round(x_j/scale_i),
 * scale_i = max_j|x_j|/127 of the L2-normalized vector. One implementation, so stored rows and ranked rows agree.
 */
export { quantizeRowInto, rowDequantize } from '../search/quantize';
