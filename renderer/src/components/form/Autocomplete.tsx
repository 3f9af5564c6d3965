/**
 * An accessible autocomplete (ARIA combobox + listbox) over an engine search command. Queries are
 * debounced and only the newest answer is shown, so typing stays fast over thousands of clients.
 * Keyboard: ↓/↑ move, Enter picks, Escape closes (a second Escape clears), Tab leaves.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { describeError, toUiError } from '../errors';

export interface Option {
  id: string;
  label: string;
  detail?: string;
}

export interface AutocompleteProps {
  label: string;
  /** the chosen option, or null */
  value: Option | null;
  onChange: (o: Option | null) => void;
  search: (query: string) => Promise<Option[]>;
  placeholder?: string;
  error?: string | null | undefined;
  hint?: string;
  required?: boolean;
  debounceMs?: number;
  name?: string;
}

export function Autocomplete(props: AutocompleteProps) {
  const id = useId();
  const listId = `${id}-list`;
  const errId = `${id}-err`;
  const { search, debounceMs = 120, onChange, value } = props;
  const [text, setText] = useState(value?.label ?? '');
  const [open, setOpen] = useState(false);
  const [options, setOptions] = useState<Option[]>([]);
  const [active, setActive] = useState(-1);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const seq = useRef(0);
  const typed = useRef(false);

  // keep the text in step when the value is set from outside (reset, a shortcut, a test)
  useEffect(() => {
    if (!typed.current) setText(value?.label ?? '');
  }, [value]);

  useEffect(() => {
    if (!open) return;
    const mine = ++seq.current;
    setBusy(true);
    const t = setTimeout(() => {
      search(text.trim())
        .then((opts) => {
          if (seq.current !== mine) return;
          setOptions(opts);
          setActive(opts.length ? 0 : -1);
          setProblem(null);
        })
        .catch((e: unknown) => {
          if (seq.current !== mine) return;
          setOptions([]);
          setProblem(describeError(toUiError(e)));
        })
        .finally(() => seq.current === mine && setBusy(false));
    }, debounceMs);
    return () => clearTimeout(t);
  }, [text, open, search, debounceMs]);

  const pick = (o: Option) => {
    typed.current = false;
    setText(o.label);
    setOpen(false);
    onChange(o);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (!open) setOpen(true);
      else setActive((a) => Math.min(options.length - 1, a + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter') {
      if (open && active >= 0 && options[active]) {
        e.preventDefault();
        pick(options[active]!);
      }
    } else if (e.key === 'Escape') {
      if (open) {
        e.preventDefault();
        e.stopPropagation();
        setOpen(false);
      } else if (text) {
        e.preventDefault();
        typed.current = false;
        setText('');
        onChange(null);
      }
    }
  };

  const activeId = open && active >= 0 ? `${id}-opt-${active}` : undefined;
  const error = props.error ?? null;
  return (
    <div className={`field autocomplete${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id} className="field-label">
        {props.label}
        {props.required ? <span className="field-required" aria-hidden="true"> *</span> : null}
      </label>
      <div className="autocomplete-box">
        <input
          id={id}
          name={props.name}
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={activeId}
          aria-invalid={!!error}
          aria-describedby={error ? errId : undefined}
          autoComplete="off"
          spellCheck={false}
          placeholder={props.placeholder ?? 'Type to search'}
          value={text}
          onChange={(e) => {
            typed.current = true;
            setText(e.target.value);
            setOpen(true);
            if (value) onChange(null);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setTimeout(() => setOpen(false), 120)}
          onKeyDown={onKeyDown}
        />
        {busy && open ? <span className="autocomplete-spinner" aria-hidden="true" /> : null}
        {open ? (
          <ul id={listId} role="listbox" aria-label={`${props.label} suggestions`} className="autocomplete-list">
            {options.map((o, i) => (
              <li
                key={o.id}
                id={`${id}-opt-${i}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'active' : undefined}
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(o);
                }}
                onMouseEnter={() => setActive(i)}
              >
                <span className="opt-label">{o.label}</span>
                {o.detail ? <span className="opt-detail">{o.detail}</span> : null}
              </li>
            ))}
            {!busy && options.length === 0 ? (
              <li className="autocomplete-empty" role="presentation">
                {problem ?? (text.trim() ? `No match for “${text.trim()}”` : 'Start typing to search')}
              </li>
            ) : null}
          </ul>
        ) : null}
      </div>
      {error ? (
        <div id={errId} className="field-error" role="alert">
          {error}
        </div>
      ) : props.hint ? (
        <div className="field-hint">{props.hint}</div>
      ) : null}
    </div>
  );
}
