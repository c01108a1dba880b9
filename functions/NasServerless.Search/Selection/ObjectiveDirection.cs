namespace NasServerless.Search.Selection;

public enum ObjectiveDirection
{
    Minimize,
    Maximize,
}
