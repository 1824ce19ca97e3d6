package report

import "reflect"

// masked returns a deep copy of run with every secret masked in every
// string it holds, before any writer escapes or cuts one: HTML turns "+"
// into "&#43;", and a cut must not leave half a secret behind. Strings
// are masked one by one, never the rendered bytes, so that a secret as
// short as "e" cannot break a key or a tag of the file.
func masked(run Run) Run {
	return mapStrings(reflect.ValueOf(run), run.Masker.String).Interface().(Run)
}

// mapStrings returns a deep copy of v with f applied to every string in it,
// map keys included; a []byte is taken as a string. Unexported fields,
// such as those of a time.Time, are copied as they are.
func mapStrings(v reflect.Value, f func(string) string) reflect.Value {
	switch v.Kind() {
	case reflect.String:
		out := reflect.New(v.Type()).Elem()
		out.SetString(f(v.String()))
		return out
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return v
		}
		if v.Kind() == reflect.Pointer {
			out := reflect.New(v.Type().Elem())
			out.Elem().Set(mapStrings(v.Elem(), f))
			return out
		}
		out := reflect.New(v.Type()).Elem()
		out.Set(mapStrings(v.Elem(), f))
		return out
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return reflect.ValueOf([]byte(f(string(v.Bytes())))).Convert(v.Type())
		}
		out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			out.Index(i).Set(mapStrings(v.Index(i), f))
		}
		return out
	case reflect.Array:
		out := reflect.New(v.Type()).Elem()
		for i := range v.Len() {
			out.Index(i).Set(mapStrings(v.Index(i), f))
		}
		return out
	case reflect.Map:
		if v.IsNil() {
			return v
		}
		out := reflect.MakeMapWithSize(v.Type(), v.Len())
		for it := v.MapRange(); it.Next(); {
			out.SetMapIndex(mapStrings(it.Key(), f), mapStrings(it.Value(), f))
		}
		return out
	case reflect.Struct:
		out := reflect.New(v.Type()).Elem()
		out.Set(v)
		for i := range v.NumField() {
			if out.Field(i).CanSet() {
				out.Field(i).Set(mapStrings(v.Field(i), f))
			}
		}
		return out
	}
	return v
}
