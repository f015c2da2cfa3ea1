/* Thumb half of gdbdemo (compiled with -mthumb): gdb steps through it. */
int thumb_twice(int v)
{
    return v + v;
}

int thumb_add(int a, int b)
{
    int s = a + b;
    int d = thumb_twice(s);
    return d - s;
}
