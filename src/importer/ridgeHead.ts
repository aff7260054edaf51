import { NumpyArray } from './joblib/numpy';
import { PyObject, describe, type PyValue } from './pickle/pyValues';

/** One fitted linear head: prediction = coef · embedding + intercept. */
export interface RidgeHead {
  coef: Float32Array;
  intercept: number;
}

const RIDGE = 'sklearn.linear_model._ridge.Ridge';

/**
 * Reads a scikit-learn Ridge as unpickled. Any estimator with coef_ and intercept_
 * predicts the same way, so another linear class is accepted with a warning. Problems are
 * thrown as plain messages; the caller adds the model and file.
 */
export function readRidgeHead(value: PyValue | undefined, dim: number, warn: (message: string) => void): RidgeHead {
  if (!(value instanceof PyObject)) throw new Error(`is ${describe(value)}, expected a scikit-learn Ridge`);
  const coef = value.attr('coef_');
  const intercept = value.attr('intercept_');
  if (coef === undefined || intercept === undefined)
    throw new Error(`${value.cls.qualified} has no ${coef === undefined ? 'coef_' : 'intercept_'} (is it fitted?)`);
  if (value.cls.qualified !== RIDGE)
    warn(`is a ${value.cls.qualified}, not a Ridge; read as a linear model (coef_ · x + intercept_)`);
  if (!(coef instanceof NumpyArray)) throw new Error(`coef_ is ${describe(coef)}, expected a numpy array`);
  const flat = coef.shape.length === 1 || (coef.shape.length === 2 && coef.shape[0] === 1);
  if (!flat || coef.data.length !== dim)
    throw new Error(`coef_ has shape (${coef.shape.join(', ')}), expected (${dim}) to match the ${dim}-d embedding`);
  if (coef.dtype.endsWith('f8')) warn('coef_ is float64; the ONNX graph holds it as float32');
  const b = intercept instanceof NumpyArray && intercept.data.length === 1 ? intercept.data[0]! : intercept;
  if (typeof b !== 'number') throw new Error(`intercept_ is ${describe(intercept)}, expected a number`);
  if (!Number.isFinite(b) || coef.data.some((x) => !Number.isFinite(x))) throw new Error('has non-finite weights');
  return { coef: Float32Array.from(coef.data), intercept: b };
}
