/**
 * A labelled form field with its error and hint underneath. The input is given the ids it needs
 * (`aria-describedby`, `aria-invalid`) through a render function, so every control is labelled.
 */
import { useId, type ReactNode } from 'react';

export interface FieldControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
}

export interface FieldProps {
  label: string;
  error?: string | null | undefined;
  hint?: string | undefined;
  required?: boolean;
  className?: string;
  children: (props: FieldControlProps) => ReactNode;
}

export function Field({ label, error, hint, required, className, children }: FieldProps) {
  const id = useId();
  const errId = `${id}-err`;
  const hintId = `${id}-hint`;
  const describedBy = [error ? errId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id} className="field-label">
        {label}
        {required ? <span className="field-required" aria-hidden="true"> *</span> : null}
      </label>
      {children({ id, 'aria-invalid': !!error, 'aria-describedby': describedBy })}
      {error ? (
        <div id={errId} className="field-error" role="alert">
          {error}
        </div>
      ) : hint ? (
        <div id={hintId} className="field-hint">
          {hint}
        </div>
      ) : null}
    </div>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

export function SelectField(props: {
  label: string;
  value: string;
  options: SelectOption[];
  onChange: (v: string) => void;
  error?: string | null | undefined;
  hint?: string;
  disabled?: boolean;
  required?: boolean;
  name?: string;
}) {
  return (
    <Field label={props.label} error={props.error} hint={props.hint} required={props.required}>
      {(p) => (
        <select {...p} name={props.name} value={props.value} disabled={props.disabled} onChange={(e) => props.onChange(e.target.value)}>
          {props.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function TextField(props: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string | null | undefined;
  hint?: string;
  type?: 'text' | 'date' | 'month' | 'number' | 'password' | 'url' | 'color';
  disabled?: boolean;
  readOnly?: boolean;
  required?: boolean;
  placeholder?: string;
  name?: string;
  autoComplete?: string;
}) {
  return (
    <Field label={props.label} error={props.error} hint={props.hint} required={props.required}>
      {(p) => (
        <input
          {...p}
          name={props.name}
          type={props.type ?? 'text'}
          value={props.value}
          disabled={props.disabled}
          readOnly={props.readOnly}
          placeholder={props.placeholder}
          autoComplete={props.autoComplete ?? 'off'}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

export function CheckboxField(props: { label: string; checked: boolean; onChange: (v: boolean) => void; disabled?: boolean; hint?: string }) {
  const id = useId();
  return (
    <div className="field field-check">
      <input id={id} type="checkbox" checked={props.checked} disabled={props.disabled} onChange={(e) => props.onChange(e.target.checked)} />
      <label htmlFor={id}>{props.label}</label>
      {props.hint ? <div className="field-hint">{props.hint}</div> : null}
    </div>
  );
}
